using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Export;
using Concord.Web.Infrastructure.Http;
using Concord.Web.Infrastructure.Writes;

namespace Concord.Web.Features.Commitments;

/// <summary>
/// Commitments in a partnership: members see them (anyone else gets 404); everyone but observers adds them, reports
/// their status and changes them (observers get 403). The status shown is worked out for today: past due and not done is Late.
/// </summary>
public static class CommitmentsApi
{
    public sealed record CommitmentDto(Guid Id, Guid PartnershipId, string Partnership, string What, Guid OwnerPartnerId, string OwnerOrganisation,
        Guid? OwnerPersonId, string? OwnerPerson, DateOnly DueDate, string DoneWhen, CommitmentSource Source, Guid? SourceLedgerEntryId,
        CommitmentStatus ReportedStatus, CommitmentStatus Status, DateOnly? DoneOn, string DueHint, int Version);

    /// <summary>A commitment as sent: <c>version</c> is required when changing one (the version you read).</summary>
    public sealed record CommitmentInput(string? What, Guid? OwnerPartnerId, Guid? OwnerPersonId, DateOnly? DueDate, string? DoneWhen,
        CommitmentSource? Source, int? Version);

    /// <summary>A status report: <c>version</c> is the version of the commitment you read (required).</summary>
    public sealed record StatusInput(CommitmentStatus? Status, DateOnly? Date, string? Note, int? Version);

    public sealed record StatusUpdateDto(Guid Id, DateOnly Date, CommitmentStatus Status, string Note, string? By, DateTimeOffset RecordedAt);

    public sealed record OnTimeDto(Guid PartnerId, string Organisation, int Counted, int OnTime, double? Percent);

    public static RouteGroupBuilder MapCommitmentsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/partnerships/{id:guid}/commitments").WithTags("Commitments")
            .RequireAuthorization(AuthSetup.ApiPolicy).RequirePartnership();
        group.MapGet("/", ListAsync).WithName("ListCommitments").ProducesPage<CommitmentDto>()
            .WithSummary("The partnership's commitments, open ones first by due date, a page at a time. Filter with `status` (OnTrack, AtRisk, Late, Done): the status as of today, so one past due and not done is Late.");
        group.MapPost("/", CreateAsync).WithName("CreateCommitment").RequirePartnership(PartnershipOperation.Contribute)
            .ProducesWrite<CommitmentDto>(StatusCodes.Status201Created)
            .WithSummary("Adds a commitment: what, the owner partner (and optionally a person representing it), due date, how we will know it is done, and source (Agreement or Meeting).");
        group.MapGet("/on-time", OnTimeAsync).WithName("CommitmentsOnTime").Produces<List<OnTimeDto>>()
            .WithSummary("On-time delivery per partner: of the commitments whose outcome is known, how many were done by their due date. `percent` is null when none is due yet.");
        group.MapGet("/export.csv", Csv).WithName("ExportCommitmentsCsv").ProducesFile("text/csv")
            .WithSummary("The partnership's commitments as CSV for Excel (UTF-8 with BOM; text that looks like a formula is neutralised), streamed.");
        group.MapGet("/export.json", Json).WithName("ExportCommitmentsJson").ProducesFile("application/json")
            .WithSummary("The partnership's commitments as a JSON file, streamed.");
        group.MapGet("/{commitmentId:guid}", GetAsync).WithName("GetCommitment").Produces<CommitmentDto>().WithSummary("One commitment.");
        group.MapPut("/{commitmentId:guid}", UpdateAsync).WithName("UpdateCommitment").RequirePartnership(PartnershipOperation.Contribute)
            .ProducesWrite<CommitmentDto>(stale: true)
            .WithSummary("Changes a commitment. Send the `version` you read; a stale version gets 409 (with the saved commitment as `current`) and nothing is saved.");
        group.MapGet("/{commitmentId:guid}/updates", UpdatesAsync).WithName("ListCommitmentUpdates").Produces<List<StatusUpdateDto>>()
            .WithSummary("The commitment's status updates, newest first.");
        group.MapPost("/{commitmentId:guid}/updates", ReportAsync).WithName("ReportCommitmentStatus").RequirePartnership(PartnershipOperation.Contribute)
            .ProducesWrite<StatusUpdateDto>(StatusCodes.Status201Created, stale: true)
            .WithSummary("Reports the status (OnTrack, AtRisk, Late, Done) on a date, with a note. Done records the date as the done date. Send the commitment's `version` you read; a stale one gets 409.");

        api.MapGet("/me/commitments", MineAsync).WithTags("Commitments").RequireAuthorization(AuthSetup.ApiPolicy).WithName("MyCommitments")
            .ProducesPage<CommitmentDto>()
            .WithSummary("Commitments across your partnerships, a page at a time: `scope=mine` (you are the named owner, the default) or `scope=organisation` (owned by the organisations you represent). Filter with `status`.");
        return api;
    }

    internal static CommitmentDto ToDto(CommitmentRow r) => new(r.Id, r.PartnershipId, r.Partnership, r.What, r.OwnerPartnerId, r.OwnerOrganisation,
        r.OwnerPersonId, r.OwnerPerson, r.DueDate, r.DoneWhen, r.Source, r.SourceLedgerEntryId, r.ReportedStatus, r.Status, r.DoneOn, r.DueHint, r.Version);

    private static CommitmentFields Fields(CommitmentInput input, CommitmentSource fallback) => new()
    {
        What = input.What,
        OwnerPartnerId = input.OwnerPartnerId,
        OwnerPersonId = input.OwnerPersonId,
        DueDate = input.DueDate,
        DoneWhen = input.DoneWhen,
        Source = input.Source ?? fallback,
    };

    private static async Task<IResult> ListAsync(CommitmentStatus? status, int? page, int? pageSize, PartnershipScope scope, CommitmentQueries queries, CancellationToken ct) =>
        PageRequest.TryCreate(page, pageSize, out var request, out var errors)
            ? TypedResults.Ok(Paged(await queries.ListAsync(scope, status, request, ct)))
            : ApiProblems.Invalid(errors);

    private static async Task<IResult> MineAsync(string? scope, CommitmentStatus? status, int? page, int? pageSize, CommitmentQueries queries, CancellationToken ct)
    {
        MyCommitments? which = scope?.Trim().ToLowerInvariant() switch
        {
            null or "" or "mine" => MyCommitments.Mine,
            "organisation" or "organisations" => MyCommitments.MyOrganisations,
            _ => null,
        };
        if (which is null)
        {
            return ApiProblems.Invalid("Scope", "Use mine or organisation");
        }

        return PageRequest.TryCreate(page, pageSize, out var request, out var errors)
            ? TypedResults.Ok(Paged(await queries.MineAsync(which.Value, status, request, ct)))
            : ApiProblems.Invalid(errors);
    }

    private static PagedList<CommitmentDto> Paged(PagedList<CommitmentRow> rows) =>
        new(rows.Items.Select(ToDto).ToList(), rows.Page, rows.PageSize, rows.Total);

    private static async Task<IResult> GetAsync(Guid commitmentId, PartnershipScope scope, CommitmentQueries queries, CancellationToken ct) =>
        await queries.FindAsync(scope, commitmentId, ct) is { } row ? TypedResults.Ok(ToDto(row)) : ApiProblems.NotFound();

    private static async Task<IResult> CreateAsync(CommitmentInput input, PartnershipScope scope, CommitmentCommands commands, CommitmentQueries queries, CancellationToken ct)
    {
        var result = await commands.CreateAsync(scope, Fields(input, CommitmentSource.Meeting), ct);
        return result.Saved
            ? TypedResults.Created($"/api/v1/partnerships/{scope.Id}/commitments/{result.Value!.Id}", ToDto((await queries.FindAsync(scope, result.Value.Id, ct))!))
            : result.Failure!.ToApi();
    }

    private static async Task<IResult> UpdateAsync(Guid commitmentId, CommitmentInput input, PartnershipScope scope, CommitmentCommands commands,
        CommitmentQueries queries, CancellationToken ct)
    {
        var result = await commands.UpdateAsync(scope, commitmentId, Fields(input, CommitmentSource.Meeting), input.Version, ct);
        if (result.Saved)
        {
            return TypedResults.Ok(ToDto((await queries.FindAsync(scope, commitmentId, ct))!));
        }

        var current = result.Status == WriteStatus.Stale ? await queries.FindAsync(scope, commitmentId, ct) : null;
        return result.Failure!.ToApi(current is null ? null : ToDto(current));
    }

    private static async Task<IResult> UpdatesAsync(Guid commitmentId, PartnershipScope scope, CommitmentQueries queries, CancellationToken ct)
    {
        if (await queries.FindAsync(scope, commitmentId, ct) is null)
        {
            return ApiProblems.NotFound();
        }

        return TypedResults.Ok((await queries.UpdatesAsync(commitmentId, ct))
            .Select(u => new StatusUpdateDto(u.Id, u.Date, u.Status, u.Note, u.By?.DisplayName, u.RecordedAt)).ToList());
    }

    private static async Task<IResult> ReportAsync(Guid commitmentId, StatusInput input, PartnershipScope scope, CommitmentCommands commands,
        CommitmentQueries queries, CancellationToken ct)
    {
        var result = await commands.ReportStatusAsync(scope, commitmentId, input.Status, input.Date, input.Note, input.Version, ct);
        if (result.Saved)
        {
            var u = result.Value!;
            return TypedResults.Created($"/api/v1/partnerships/{scope.Id}/commitments/{commitmentId}/updates",
                new StatusUpdateDto(u.Id, u.Date, u.Status, u.Note, null, u.RecordedAt));
        }

        var current = result.Status == WriteStatus.Stale ? await queries.FindAsync(scope, commitmentId, ct) : null;
        return result.Failure!.ToApi(current is null ? null : ToDto(current));
    }

    private static async Task<IResult> OnTimeAsync(PartnershipScope scope, CommitmentQueries queries, CancellationToken ct) =>
        TypedResults.Ok((await queries.OnTimeAsync(scope, ct)).Select(d => new OnTimeDto(d.PartnerId, d.Organisation, d.Counted, d.OnTime, d.Percent)).ToList());

    public static readonly IReadOnlyList<CsvColumn<CommitmentRow>> CsvColumns =
    [
        new("What", r => r.What),
        new("Owner organisation", r => r.OwnerOrganisation),
        new("Owner person", r => r.OwnerPerson),
        new("Due date", r => r.DueDate),
        new("Status", r => CommitmentDisplay.Status(r.Status)),
        new("Reported status", r => CommitmentDisplay.Status(r.ReportedStatus)),
        new("Done on", r => r.DoneOn),
        new("How we will know it is done", r => r.DoneWhen),
        new("Source", r => Shared.Display.Name(r.Source)),
        new("Id", r => r.Id.ToString()),
    ];

    /// <summary>The CSV download, shared by the page and the API.</summary>
    public static IResult Csv(PartnershipScope scope, CommitmentQueries queries) =>
        new CsvResult<CommitmentRow>(queries.StreamAsync(scope.Id), CsvColumns, ExportNames.File(scope.Partnership.Name, "commitments", queries.Today, "csv"));

    /// <summary>The JSON download, shared by the page and the API.</summary>
    public static IResult Json(PartnershipScope scope, CommitmentQueries queries) =>
        new JsonArrayResult<CommitmentDto>(queries.StreamAsync(scope.Id).Select(ToDto), ExportNames.File(scope.Partnership.Name, "commitments", queries.Today, "json"));
}
