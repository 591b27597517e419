using Concord.Web.Features.Partnerships;
using Concord.Web.Features.Readiness;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concord.Web.Features.Delivery;

/// <summary>Workstreams and the responsibility (RACI) matrix. Members read; coordinators change.</summary>
public static class DeliveryApi
{
    public sealed record WorkstreamDto(Guid Id, string Title, string Description, int Version);

    public sealed record WorkstreamInput(string? Title, string? Description, int? Version);

    public sealed record CellDto(Guid WorkstreamId, Guid PartnerId, string Role);

    public sealed record ProblemDto(Guid WorkstreamId, string Kind, IReadOnlyList<Guid> PartnerIds, string Message);

    public sealed record MatrixPartnerDto(Guid Id, string Name);

    public sealed record MatrixDto(IReadOnlyList<MatrixPartnerDto> Partners, IReadOnlyList<WorkstreamDto> Workstreams, IReadOnlyList<CellDto> Cells, IReadOnlyList<ProblemDto> Problems);

    /// <summary>One cell to set: role R, A, C or I (or Responsible, Accountable, Consulted, Informed); null or empty clears it.</summary>
    public sealed record CellInput(Guid? WorkstreamId, Guid? PartnerId, string? Role);

    public sealed record CellsInput(List<CellInput>? Cells);

    public static RouteGroupBuilder MapDeliveryApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/partnerships/{id:guid}").WithTags("Delivery model").RequireAuthorization(AuthSetup.ApiPolicy);
        group.MapGet("/workstreams", ListAsync).WithName("ListWorkstreams").WithSummary("The partnership's workstreams and activities.");
        group.MapPost("/workstreams", AddAsync).WithName("AddWorkstream").WithSummary("Adds a workstream (coordinators).");
        group.MapPut("/workstreams/{workstreamId:guid}", UpdateAsync).WithName("UpdateWorkstream")
            .WithSummary("Changes a workstream (coordinators). Send the `version` you read; a stale version gets 409.");
        group.MapDelete("/workstreams/{workstreamId:guid}", RemoveAsync).WithName("RemoveWorkstream").WithSummary("Removes a workstream and its row of the matrix (coordinators).");
        group.MapGet("/matrix", MatrixAsync).WithName("GetResponsibilityMatrix")
            .WithSummary("The responsibility matrix (partners × workstreams, each cell R, A, C or I) and where it breaks the rules: exactly one accountable and at least one responsible per workstream.");
        group.MapPut("/matrix/cells", SetCellsAsync).WithName("SetMatrixCells")
            .WithSummary("Sets cells of the matrix (coordinators). A null or empty role empties the cell. Answers with the whole matrix and its problems.");
        return api;
    }

    private static async Task<Results<Ok<List<WorkstreamDto>>, ProblemHttpResult>> ListAsync(Guid id, PartnershipAccess access, DeliveryService delivery, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is null)
        {
            return ApiProblems.NotFound();
        }

        return TypedResults.Ok((await delivery.LoadAsync(id, ct)).Workstreams.Select(ToDto).ToList());
    }

    private static async Task<Results<Created<WorkstreamDto>, ValidationProblem, ProblemHttpResult>> AddAsync(
        Guid id, WorkstreamInput input, CurrentUser user, PartnershipAccess access, DeliveryService delivery, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return ApiProblems.NotFound();
        }

        if (user.IsReadOnly)
        {
            return ReadinessDeliveryRegistration.ReadOnly();
        }

        var (workstream, result) = await delivery.SaveWorkstreamAsync(found, null, input.Title, input.Description, null, ct);
        if (result.Status != WriteStatus.Ok || workstream is null)
        {
            return result.Status == WriteStatus.Invalid ? TypedResults.ValidationProblem(ReadinessDeliveryRegistration.Errors(result)) : ReadinessDeliveryRegistration.Problem(result, user);
        }

        return TypedResults.Created($"/api/v1/partnerships/{id}/workstreams/{workstream.Id}", ToDto(workstream));
    }

    private static async Task<Results<Ok<WorkstreamDto>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, Guid workstreamId, WorkstreamInput input, CurrentUser user, PartnershipAccess access, DeliveryService delivery, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return ApiProblems.NotFound();
        }

        if (user.IsReadOnly)
        {
            return ReadinessDeliveryRegistration.ReadOnly();
        }

        var (workstream, result) = await delivery.SaveWorkstreamAsync(found, workstreamId, input.Title, input.Description, input.Version, ct);
        if (result.Status != WriteStatus.Ok || workstream is null)
        {
            return result.Status == WriteStatus.Invalid ? TypedResults.ValidationProblem(ReadinessDeliveryRegistration.Errors(result)) : ReadinessDeliveryRegistration.Problem(result, user);
        }

        return TypedResults.Ok(ToDto(workstream));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        Guid id, Guid workstreamId, CurrentUser user, PartnershipAccess access, DeliveryService delivery, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return ApiProblems.NotFound();
        }

        if (user.IsReadOnly)
        {
            return ReadinessDeliveryRegistration.ReadOnly();
        }

        var result = await delivery.RemoveWorkstreamAsync(found, workstreamId, ct);
        return result.Status == WriteStatus.Ok ? TypedResults.NoContent() : ReadinessDeliveryRegistration.Problem(result, user);
    }

    private static async Task<Results<Ok<MatrixDto>, ProblemHttpResult>> MatrixAsync(Guid id, PartnershipAccess access, DeliveryService delivery, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is null)
        {
            return ApiProblems.NotFound();
        }

        return TypedResults.Ok(ToDto(await delivery.LoadAsync(id, ct)));
    }

    private static async Task<Results<Ok<MatrixDto>, ValidationProblem, ProblemHttpResult>> SetCellsAsync(
        Guid id, CellsInput input, CurrentUser user, PartnershipAccess access, DeliveryService delivery, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return ApiProblems.NotFound();
        }

        if (user.IsReadOnly)
        {
            return ReadinessDeliveryRegistration.ReadOnly();
        }

        if (!found.CanManage)
        {
            return ApiProblems.Forbidden("Only the partnership's coordinators change the responsibility matrix.");
        }

        var changes = new List<(Guid, Guid, RaciRole?)>();
        var errors = new Dictionary<string, string[]>();
        var cells = input.Cells ?? [];
        if (cells.Count == 0)
        {
            errors["cells"] = ["Send at least one cell."];
        }

        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            if (cell.WorkstreamId is null || cell.PartnerId is null)
            {
                errors[$"cells[{i}]"] = ["Give the workstreamId and partnerId of the cell."];
            }
            else if (!DeliveryService.TryParseRole(cell.Role, out var role))
            {
                errors[$"cells[{i}].role"] = ["Use R, A, C or I, or leave it empty to clear the cell."];
            }
            else
            {
                changes.Add((cell.WorkstreamId.Value, cell.PartnerId.Value, role));
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var result = await delivery.SetCellsAsync(found, changes, ct);
        if (result.Status != WriteStatus.Ok)
        {
            return result.Status == WriteStatus.Invalid ? TypedResults.ValidationProblem(ReadinessDeliveryRegistration.Errors(result)) : ReadinessDeliveryRegistration.Problem(result, user);
        }

        return TypedResults.Ok(ToDto(await delivery.LoadAsync(id, ct)));
    }

    private static WorkstreamDto ToDto(Workstream w) => new(w.Id, w.Title, w.Description, w.Version);

    private static MatrixDto ToDto(DeliveryModel m) => new(
        m.Partners.Select(p => new MatrixPartnerDto(p.Id, p.Name)).ToList(),
        m.Workstreams.Select(ToDto).ToList(),
        m.Cells.Select(c => new CellDto(c.WorkstreamId, c.PartnerId, DeliveryService.Letter(c.Role))).ToList(),
        m.Problems.Select(p => new ProblemDto(p.WorkstreamId, p.Kind.ToString(), p.PartnerIds, p.Message)).ToList());
}
