using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Http;
using Concord.Web.Infrastructure.Writes;

namespace Concord.Web.Features.Delivery;

/// <summary>Workstreams and the responsibility (RACI) matrix. Members read; coordinators (Manage) change.</summary>
public static class DeliveryApi
{
    public sealed record WorkstreamDto(Guid Id, string Title, string Description, int Version);

    public sealed record WorkstreamInput(string? Title, string? Description, int? Version);

    /// <summary>A cell: <c>role</c> is its letters ("RA" when the partner is responsible and accountable), <c>roles</c> the same in words.</summary>
    public sealed record CellDto(Guid WorkstreamId, Guid PartnerId, string Role, IReadOnlyList<RaciRole> Roles);

    public sealed record ProblemDto(Guid WorkstreamId, MatrixProblemKind Kind, IReadOnlyList<Guid> PartnerIds, string Message);

    public sealed record MatrixPartnerDto(Guid Id, string Name);

    public sealed record MatrixDto(IReadOnlyList<MatrixPartnerDto> Partners, IReadOnlyList<WorkstreamDto> Workstreams, IReadOnlyList<CellDto> Cells, IReadOnlyList<ProblemDto> Problems);

    /// <summary>One cell to set: role R, A, C or I (or Responsible, Accountable, Consulted, Informed); null or empty clears it.
    /// <c>version</c> is the version of the cell's workstream you read (required).</summary>
    /// <summary>A cell to set: <c>role</c> is one or more of the letters R, A, C and I ("RA" for responsible and
    /// accountable), or empty to clear the cell; <c>version</c> is the version of the workstream you read.</summary>
    public sealed record CellInput(Guid? WorkstreamId, Guid? PartnerId, string? Role, int? Version);

    public sealed record CellsInput(List<CellInput>? Cells);

    public static RouteGroupBuilder MapDeliveryApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/partnerships/{id:guid}").WithTags("Delivery model").RequireAuthorization(AuthSetup.ApiPolicy).RequirePartnership();
        group.MapGet("/workstreams", ListAsync).WithName("ListWorkstreams").Produces<List<WorkstreamDto>>().WithSummary("The partnership's workstreams and activities.");
        group.MapPost("/workstreams", AddAsync).WithName("AddWorkstream").RequirePartnership(PartnershipOperation.Manage)
            .ProducesWrite<WorkstreamDto>(StatusCodes.Status201Created).WithSummary("Adds a workstream (coordinators).");
        group.MapPut("/workstreams/{workstreamId:guid}", UpdateAsync).WithName("UpdateWorkstream").RequirePartnership(PartnershipOperation.Manage)
            .ProducesWrite<WorkstreamDto>(stale: true)
            .WithSummary("Changes a workstream (coordinators). Send the `version` you read; a stale version gets 409 with the saved workstream as `current`.");
        group.MapDelete("/workstreams/{workstreamId:guid}", RemoveAsync).WithName("RemoveWorkstream").RequirePartnership(PartnershipOperation.Manage)
            .Produces(StatusCodes.Status204NoContent).WithSummary("Removes a workstream and its row of the matrix (coordinators).");
        group.MapGet("/matrix", MatrixAsync).WithName("GetResponsibilityMatrix").Produces<MatrixDto>()
            .WithSummary("The responsibility matrix (partners × workstreams, each cell R, A, C or I) and where it breaks the rules: exactly one accountable and at least one responsible per workstream.");
        group.MapPut("/matrix/cells", SetCellsAsync).WithName("SetMatrixCells").RequirePartnership(PartnershipOperation.Manage)
            .ProducesWrite<MatrixDto>(stale: true)
            .WithSummary("Sets cells of the matrix (coordinators). A null or empty role empties the cell. Each cell sends the `version` of its workstream you read: a row changed since (its workstream's version moved on) gets 409 with the saved matrix as `current`, and nothing is saved. Saving a row moves its workstream's version on. Answers with the whole matrix and its problems.");
        return api;
    }

    private static async Task<IResult> ListAsync(PartnershipScope scope, DeliveryService delivery, CancellationToken ct) =>
        TypedResults.Ok((await delivery.LoadAsync(scope.Id, ct)).Workstreams.Select(ToDto).ToList());

    private static async Task<IResult> AddAsync(WorkstreamInput input, PartnershipScope scope, DeliveryService delivery, CancellationToken ct) =>
        (await delivery.SaveWorkstreamAsync(scope, null, input.Title, input.Description, null, ct))
        .ToApi(w => TypedResults.Created($"/api/v1/partnerships/{scope.Id}/workstreams/{w.Id}", ToDto(w)));

    private static async Task<IResult> UpdateAsync(Guid workstreamId, WorkstreamInput input, PartnershipScope scope, DeliveryService delivery, CancellationToken ct) =>
        (await delivery.SaveWorkstreamAsync(scope, workstreamId, input.Title, input.Description, input.Version, ct))
        .ToApi(w => TypedResults.Ok(ToDto(w)), w => ToDto(w));

    private static async Task<IResult> RemoveAsync(Guid workstreamId, PartnershipScope scope, DeliveryService delivery, CancellationToken ct) =>
        (await delivery.RemoveWorkstreamAsync(scope, workstreamId, ct)).ToApi(_ => TypedResults.NoContent());

    private static async Task<IResult> MatrixAsync(PartnershipScope scope, DeliveryService delivery, CancellationToken ct) =>
        TypedResults.Ok(ToDto(await delivery.LoadAsync(scope.Id, ct)));

    private static async Task<IResult> SetCellsAsync(CellsInput input, PartnershipScope scope, DeliveryService delivery, CancellationToken ct)
    {
        if (!scope.Can(PartnershipOperation.Manage))
        {
            return ApiProblems.Forbidden(Permissions.Refusal(scope.Role, PartnershipOperation.Manage));
        }

        var changes = new List<CellChange>();
        var errors = new FieldErrors();
        var cells = input.Cells ?? [];
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            if (cell.WorkstreamId is null || cell.PartnerId is null)
            {
                errors.Add($"Cells[{i}]", "Give the workstreamId and partnerId of the cell");
            }
            else if (!DeliveryService.TryParseRoles(cell.Role, out var roles))
            {
                errors.Add($"Cells[{i}].Role", "Use one or more of R, A, C and I (for example \"RA\"), or leave it empty to clear the cell");
            }
            else
            {
                changes.Add(new CellChange(cell.WorkstreamId.Value, cell.PartnerId.Value, roles, cell.Version));
            }
        }

        if (errors.Any)
        {
            return ApiProblems.Invalid(errors);
        }

        return (await delivery.SetCellsAsync(scope, changes, ct)).ToApi(m => TypedResults.Ok(ToDto(m)), ToDto);
    }

    private static WorkstreamDto ToDto(Workstream w) => new(w.Id, w.Title, w.Description, w.Version);

    private static MatrixDto ToDto(DeliveryModel m) => new(
        m.Partners.Select(p => new MatrixPartnerDto(p.Id, p.Name)).ToList(),
        m.Workstreams.Select(ToDto).ToList(),
        m.Cells.GroupBy(c => (c.WorkstreamId, c.PartnerId))
            .Select(g => new CellDto(g.Key.WorkstreamId, g.Key.PartnerId, DeliveryService.Letters(g.Select(c => c.Role)), g.Select(c => c.Role).Order().ToList()))
            .ToList(),
        m.Problems.Select(p => new ProblemDto(p.WorkstreamId, p.Kind, p.PartnerIds, p.Message)).ToList());
}
