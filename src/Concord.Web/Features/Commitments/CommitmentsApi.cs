using System.Text.Json;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Export;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using static Concord.Web.Features.Organisations.OrganisationsApi;

namespace Concord.Web.Features.Commitments;

/// <summary>
/// Commitments in a partnership: members see them (anyone else gets 404); everyone but observers adds them, reports
/// their status and changes them (observers get 403). The status shown is worked out for today: past due and not done is Late.
/// </summary>
public static class CommitmentsApi
{
    public sealed record CommitmentDto(Guid Id, Guid PartnershipId, string Partnership, string What, Guid OwnerPartnerId, string OwnerOrganisation,
        Guid? OwnerPersonId, string? OwnerPerson, DateOnly DueDate, string DoneWhen, string Source, Guid? SourceLedgerEntryId,
        string ReportedStatus, string Status, DateOnly? DoneOn, string DueHint, int Version);

    public sealed record CommitmentInput(string? What, Guid? OwnerPartnerId, Guid? OwnerPersonId, DateOnly? DueDate, string? DoneWhen, string? Source, int? Version);

    public sealed record StatusInput(string? Status, DateOnly? Date, string? Note, int? Version);

    public sealed record StatusUpdateDto(Guid Id, DateOnly Date, string Status, string Note, string? By, DateTimeOffset RecordedAt);

    public sealed record OnTimeDto(Guid PartnerId, string Organisation, int Counted, int OnTime, double? Percent);

    public static RouteGroupBuilder MapCommitmentsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/partnerships/{id:guid}/commitments").WithTags("Commitments").RequireAuthorization(AuthSetup.ApiPolicy);
        group.MapGet("/", ListAsync).WithName("ListCommitments")
            .WithSummary("The partnership's commitments, open ones first by due date. Filter with `status` (OnTrack, AtRisk, Late, Done): the status as of today, so one past due and not done is Late.");
        group.MapPost("/", CreateAsync).WithName("CreateCommitment")
            .WithSummary("Adds a commitment: what, the owner partner (and optionally a person representing it), due date, how we will know it is done, and source (Agreement or Meeting).");
        group.MapGet("/on-time", OnTimeAsync).WithName("CommitmentsOnTime")
            .WithSummary("On-time delivery per partner: of the commitments whose outcome is known, how many were done by their due date. `percent` is null when none is due yet.");
        group.MapGet("/export.csv", CsvAsync).WithName("ExportCommitmentsCsv")
            .WithSummary("The partnership's commitments as CSV for Excel (UTF-8 with BOM; text that looks like a formula is neutralised).");
        group.MapGet("/export.json", JsonAsync).WithName("ExportCommitmentsJson")
            .WithSummary("The partnership's commitments as a JSON file.");
        group.MapGet("/{commitmentId:guid}", GetAsync).WithName("GetCommitment").WithSummary("One commitment.");
        group.MapPut("/{commitmentId:guid}", UpdateAsync).WithName("UpdateCommitment")
            .WithSummary("Changes a commitment. Send the `version` you read; a stale version gets 409 and nothing is saved.");
        group.MapGet("/{commitmentId:guid}/updates", UpdatesAsync).WithName("ListCommitmentUpdates").WithSummary("The commitment's status updates, newest first.");
        group.MapPost("/{commitmentId:guid}/updates", ReportAsync).WithName("ReportCommitmentStatus")
            .WithSummary("Reports the status (OnTrack, AtRisk, Late, Done) on a date, with a note. Done records the date as the done date. `version` is optional; when sent, a stale one gets 409.");

        api.MapGet("/me/commitments", MineAsync).WithTags("Commitments").RequireAuthorization(AuthSetup.ApiPolicy).WithName("MyCommitments")
            .WithSummary("Commitments across your partnerships: `scope=mine` (you are the named owner, the default) or `scope=organisation` (owned by the organisations you represent). Filter with `status`.");
        return api;
    }

    internal static CommitmentDto ToDto(CommitmentRow r) => new(r.Id, r.PartnershipId, r.Partnership, r.What, r.OwnerPartnerId, r.OwnerOrganisation,
        r.OwnerPersonId, r.OwnerPerson, r.DueDate, r.DoneWhen, r.Source.ToString(), r.SourceLedgerEntryId, r.ReportedStatus.ToString(),
        r.Status.ToString(), r.DoneOn, r.DueHint, r.Version);

    internal static Dictionary<string, string[]> Camel(Dictionary<string, string> errors) =>
        errors.ToDictionary(e => string.Join('.', e.Key.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName)), e => new[] { e.Value });

    private static bool TryStatus(string? value, out CommitmentStatus? status)
    {
        status = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        if (Enum.TryParse<CommitmentStatus>(value.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal), true, out var s) && Enum.IsDefined(s))
        {
            status = s;
            return true;
        }

        return false;
    }

    private static ValidationProblem StatusError(string field) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = ["Use one of: OnTrack, AtRisk, Late, Done."] });

    private static async Task<Results<Ok<List<CommitmentDto>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        Guid id, string? status, PartnershipAccess access, CommitmentQueries queries, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is null)
        {
            return NotFoundProblem();
        }

        if (!TryStatus(status, out var s))
        {
            return StatusError("status");
        }

        return TypedResults.Ok((await queries.ListAsync(CommitmentScope.Partnership, id, s, ct)).Select(ToDto).ToList());
    }

    private static async Task<Results<Ok<List<CommitmentDto>>, ValidationProblem>> MineAsync(
        string? scope, string? status, CommitmentQueries queries, CancellationToken ct)
    {
        var which = scope?.ToLowerInvariant() switch
        {
            null or "" or "mine" => CommitmentScope.Mine,
            "organisation" or "organisations" => CommitmentScope.MyOrganisations,
            _ => (CommitmentScope?)null,
        };
        if (which is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["scope"] = ["Use mine or organisation."] });
        }

        if (!TryStatus(status, out var s))
        {
            return StatusError("status");
        }

        return TypedResults.Ok((await queries.ListAsync(which.Value, null, s, ct)).Select(ToDto).ToList());
    }

    private static async Task<Results<Ok<CommitmentDto>, ProblemHttpResult>> GetAsync(
        Guid id, Guid commitmentId, CommitmentQueries queries, CancellationToken ct) =>
        await queries.FindAsync(id, commitmentId, ct) is { } row ? TypedResults.Ok(ToDto(row)) : NotFoundProblem();

    private static bool TrySource(string? value, out CommitmentSource source)
    {
        source = CommitmentSource.Meeting;
        return string.IsNullOrWhiteSpace(value) || (Enum.TryParse(value, true, out source) && Enum.IsDefined(source));
    }

    private static CommitmentFields Fields(CommitmentInput input, CommitmentSource source) => new()
    {
        What = input.What,
        OwnerPartnerId = input.OwnerPartnerId,
        OwnerPersonId = input.OwnerPersonId,
        DueDate = input.DueDate,
        DoneWhen = input.DoneWhen,
        Source = source,
    };

    private static async Task<Results<Created<CommitmentDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        Guid id, CommitmentInput input, CurrentUser user, PartnershipAccess access, CommitmentCommands commands, CommitmentQueries queries, CancellationToken ct)
    {
        var found = await access.FindAsync(id, ct);
        if (found is null)
        {
            return NotFoundProblem();
        }

        if (!found.CanContribute || user.IsReadOnly)
        {
            return Forbidden("Observers read commitments; they do not add them.");
        }

        if (!TrySource(input.Source, out var source))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["source"] = ["Use Agreement or Meeting."] });
        }

        var (commitment, errors) = await commands.CreateAsync(id, Fields(input, source), ct);
        if (commitment is null)
        {
            return TypedResults.ValidationProblem(Camel(errors));
        }

        var row = await queries.FindAsync(id, commitment.Id, ct);
        return TypedResults.Created($"/api/v1/partnerships/{id}/commitments/{commitment.Id}", ToDto(row!));
    }

    private static async Task<Results<Ok<CommitmentDto>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, Guid commitmentId, CommitmentInput input, ConcordDb db, PartnershipAccess access, CommitmentCommands commands, CommitmentQueries queries, CancellationToken ct)
    {
        var found = await access.FindAsync(id, ct);
        var commitment = found is null ? null : await db.Set<Commitment>().FirstOrDefaultAsync(c => c.Id == commitmentId && c.PartnershipId == id, ct);
        if (found is null || commitment is null)
        {
            return NotFoundProblem();
        }

        if (!found.CanContribute)
        {
            return Forbidden("Observers read commitments; they do not change them.");
        }

        if (input.Version is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["version"] = ["Send the version of the commitment you read, so a stale edit is not saved over someone else's."] });
        }

        if (!TrySource(input.Source, out var source))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["source"] = ["Use Agreement or Meeting."] });
        }

        var fields = Fields(input, string.IsNullOrWhiteSpace(input.Source) ? commitment.Source : source);
        // A stale version raises DbUpdateConcurrencyException, which the app answers with a 409 problem.
        var errors = await commands.UpdateAsync(commitment, fields, input.Version.Value, ct);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(Camel(errors));
        }

        return TypedResults.Ok(ToDto((await queries.FindAsync(id, commitmentId, ct))!));
    }

    private static async Task<Results<Ok<List<StatusUpdateDto>>, ProblemHttpResult>> UpdatesAsync(
        Guid id, Guid commitmentId, CommitmentQueries queries, CancellationToken ct)
    {
        if (await queries.FindAsync(id, commitmentId, ct) is null)
        {
            return NotFoundProblem();
        }

        return TypedResults.Ok((await queries.UpdatesAsync(commitmentId, ct))
            .Select(u => new StatusUpdateDto(u.Id, u.Date, u.Status.ToString(), u.Note, u.By?.DisplayName, u.RecordedAt)).ToList());
    }

    private static async Task<Results<Created<StatusUpdateDto>, ValidationProblem, ProblemHttpResult>> ReportAsync(
        Guid id, Guid commitmentId, StatusInput input, ConcordDb db, PartnershipAccess access, CommitmentCommands commands, CancellationToken ct)
    {
        var found = await access.FindAsync(id, ct);
        var commitment = found is null ? null : await db.Set<Commitment>().FirstOrDefaultAsync(c => c.Id == commitmentId && c.PartnershipId == id, ct);
        if (found is null || commitment is null)
        {
            return NotFoundProblem();
        }

        if (!found.CanContribute)
        {
            return Forbidden("Observers read commitments; they do not report on them.");
        }

        if (!TryStatus(input.Status, out var status))
        {
            return StatusError("status");
        }

        var (update, errors) = await commands.ReportStatusAsync(commitment, status, input.Date, input.Note, input.Version, ct);
        if (update is null)
        {
            return TypedResults.ValidationProblem(Camel(errors));
        }

        return TypedResults.Created($"/api/v1/partnerships/{id}/commitments/{commitmentId}/updates",
            new StatusUpdateDto(update.Id, update.Date, update.Status.ToString(), update.Note, null, update.RecordedAt));
    }

    private static async Task<Results<Ok<List<OnTimeDto>>, ProblemHttpResult>> OnTimeAsync(
        Guid id, PartnershipAccess access, CommitmentQueries queries, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is null)
        {
            return NotFoundProblem();
        }

        return TypedResults.Ok((await queries.OnTimeAsync(id, ct)).Select(d => new OnTimeDto(d.PartnerId, d.Organisation, d.Counted, d.OnTime, d.Percent)).ToList());
    }

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

    private static async Task<IResult> CsvAsync(Guid id, PartnershipAccess access, CommitmentQueries queries, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return NotFoundProblem();
        }

        var rows = await queries.ListAsync(CommitmentScope.Partnership, id, null, ct);
        return new CsvResult<CommitmentRow>(rows, CsvColumns, ExportNames.File(found.Partnership.Name, "commitments", queries.Today, "csv"));
    }

    private static async Task<IResult> JsonAsync(Guid id, PartnershipAccess access, CommitmentQueries queries, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return NotFoundProblem();
        }

        var rows = (await queries.ListAsync(CommitmentScope.Partnership, id, null, ct)).Select(ToDto).ToList();
        return ExportNames.JsonFile(rows, ExportNames.File(found.Partnership.Name, "commitments", queries.Today, "json"));
    }
}

/// <summary>File names and results for downloads.</summary>
public static class ExportNames
{
    public static string File(string partnership, string what, DateOnly today, string extension)
    {
        var slug = new string(partnership.ToLowerInvariant().Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-').ToArray()).Trim('-');
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }

        return $"{slug}-{what}-{today:yyyy-MM-dd}.{extension}";
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static IResult JsonFile<T>(T value, string fileName) =>
        Results.File(JsonSerializer.SerializeToUtf8Bytes(value, Json), "application/json", fileName);
}

/// <summary>Streams rows as Excel-safe CSV (<see cref="CsvExport"/>) as a download.</summary>
public sealed class CsvResult<T>(IEnumerable<T> rows, IReadOnlyList<CsvColumn<T>> columns, string fileName) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = "text/csv; charset=utf-8";
        httpContext.Response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition { FileName = fileName }.ToString();
        await CsvExport.WriteAsync(rows, columns, httpContext.Response.Body, httpContext.RequestAborted);
    }
}
