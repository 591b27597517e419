using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Export;
using Concord.Web.Infrastructure.Http;
using Concord.Web.Infrastructure.Time;
using Concord.Web.Infrastructure.Writes;

namespace Concord.Web.Features.Ledger;

/// <summary>
/// The communications ledger (append-only, hash-chained per partnership) and the ways of keeping in touch agreed with
/// each partner. Members read; coordinators, partner leads and staff record entries and corrections (RecordLedger);
/// coordinators set the agreed contact (Manage).
/// </summary>
public static class LedgerApi
{
    public sealed record PromiseDto(string? What, Guid? OwnerPartnerId, Guid? OwnerPersonId, DateOnly? DueDate, string? DoneWhen);

    public sealed record EntryInput(string? Kind, DateOnly? Date, string? Summary, List<Guid>? PartnerIds, List<string>? People,
        List<PromiseDto>? Promises, Guid? CorrectsEntryId);

    public sealed record EntryDto(Guid Id, long Sequence, string Kind, DateOnly Date, string Summary, IReadOnlyList<Guid> PartnerIds,
        IReadOnlyList<string> Organisations, IReadOnlyList<string> People, IReadOnlyList<string> Promises, Guid? CorrectsEntryId,
        bool Corrected, IReadOnlyList<long> CorrectedBy, string Author, DateTimeOffset RecordedAt, string Hash, IReadOnlyList<Guid> CommitmentIds);

    public sealed record VerifyDto(bool Intact, int EntriesChecked, long? FirstBadSequence, Guid? FirstBadEntryId, string? Problem, string Message);

    /// <summary>A way of keeping in touch as sent: <c>version</c> is required when changing one (the version you read).</summary>
    public sealed record MethodInput(Guid? PartnerId, string? Channel, string? Frequency, int? EveryDays, string? Contacts, int? Version);

    public sealed record MethodDto(Guid Id, Guid PartnerId, string Organisation, string Channel, string Frequency, int? EveryDays, string Contacts, string HowOften, int Version);

    public sealed record QuietDto(Guid PartnerId, int DaysSince, int? DaysSinceLastContact, string AgreedFrequency, string Channel, string Message);

    public static RouteGroupBuilder MapLedgerApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/partnerships/{id:guid}").WithTags("Ledger").RequireAuthorization(AuthSetup.ApiPolicy).RequirePartnership();
        group.MapGet("/ledger", ListAsync).WithName("ListLedgerEntries").Produces<KeysetPage<EntryDto>>().ProducesValidationProblem()
            .WithSummary("The partnership's ledger, newest first (by the date it happened, then by entry number), a page at a time: `pageSize` 1–100 (50 by default); " +
                "pass the `next` of a page as `before` for the page after it. Filter with `partnerId` (entries involving that partner). Corrected entries say which entries correct them.");
        group.MapPost("/ledger", AppendAsync).WithName("RecordLedgerEntry").RequirePartnership(PartnershipOperation.RecordLedger)
            .ProducesWrite<EntryDto>(StatusCodes.Status201Created)
            .WithSummary("Records a meeting, call, e-mail, letter, agreement, decision or other communication (coordinators, partner leads and staff). " +
                "The date it happened is from 2000 to today. Each promise becomes a commitment linked to the entry. To put a mistake right, record a new entry with `correctsEntryId`: entries are never changed.");
        group.MapGet("/ledger/verify", VerifyAsync).WithName("VerifyLedger").Produces<VerifyDto>()
            .WithSummary("Walks the hash chain from the first entry and reports the first entry that does not match (changed, removed or out of order).");
        group.MapGet("/ledger/export.csv", Csv).WithName("ExportLedgerCsv").ProducesFile("text/csv")
            .WithSummary("The ledger as CSV for Excel (UTF-8 with BOM; formulas neutralised), in the order recorded, streamed.");
        group.MapGet("/ledger/export.json", Json).WithName("ExportLedgerJson").ProducesFile("application/json")
            .WithSummary("The ledger as a JSON file, with each entry's hash, in the order recorded, streamed.");
        group.MapGet("/ledger/{entryId:guid}", GetAsync).WithName("GetLedgerEntry").Produces<EntryDto>().WithSummary("One ledger entry.");
        group.MapGet("/contact-methods", MethodsAsync).WithName("ListContactMethods").Produces<List<MethodDto>>()
            .WithSummary("The ways of keeping in touch agreed with each partner.");
        group.MapPost("/contact-methods", AddMethodAsync).WithName("AddContactMethod").RequirePartnership(PartnershipOperation.Manage)
            .ProducesWrite<MethodDto>(StatusCodes.Status201Created)
            .WithSummary("Agrees a way of keeping in touch with a partner (coordinators): channel, frequency (Weekly, Fortnightly, Monthly, Quarterly or EveryNDays with everyDays), contacts.");
        group.MapGet("/contact-methods/quiet", QuietAsync).WithName("QuietPartners").Produces<List<QuietDto>>()
            .WithSummary("Partners the ledger shows no contact with for longer than agreed, most overdue first.");
        group.MapGet("/contact-methods/{methodId:guid}", MethodAsync).WithName("GetContactMethod").Produces<MethodDto>()
            .WithSummary("One agreed way of keeping in touch.");
        group.MapPut("/contact-methods/{methodId:guid}", UpdateMethodAsync).WithName("UpdateContactMethod").RequirePartnership(PartnershipOperation.Manage)
            .ProducesWrite<MethodDto>(stale: true)
            .WithSummary("Changes an agreed way of keeping in touch (coordinators). Send the `version` you read; a stale version gets 409 (with the saved one as `current`) and nothing is saved.");
        group.MapDelete("/contact-methods/{methodId:guid}", RemoveMethodAsync).WithName("RemoveContactMethod").RequirePartnership(PartnershipOperation.Manage)
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Removes an agreed way of keeping in touch (coordinators). With `?version=` (the version you read), one changed since is not removed: 409.");
        return api;
    }

    public static EntryDto ToDto(LedgerEntryRow r) => new(r.Id, r.Sequence, r.Kind.ToString(), r.Date, r.Summary, r.PartnerIds, r.Organisations,
        r.People, r.Promises, r.CorrectsEntryId, r.IsCorrected, r.CorrectedBy, r.Author, r.RecordedAt, r.Hash, r.CommitmentIds);

    public static VerifyDto ToDto(LedgerVerification v, Guid? badId) => new(v.IsIntact, v.EntriesChecked, v.FirstBadEntry?.Content.Sequence,
        badId, v.Problem?.ToString(), v.Message);

    private static async Task<IResult> ListAsync(long? before, int? pageSize, Guid? partnerId, PartnershipScope scope, LedgerQueries queries, CancellationToken ct)
    {
        if (!KeysetRequest.TryCreate(before, pageSize, out var request, out var errors))
        {
            return ApiProblems.Invalid(errors);
        }

        var page = await queries.PageAsync(scope, new LedgerFilter(partnerId), request, ct);
        return page.ToApi(p => TypedResults.Ok(new KeysetPage<EntryDto>(p.Items.Select(ToDto).ToList(), p.Next)));
    }

    private static async Task<IResult> GetAsync(Guid entryId, PartnershipScope scope, LedgerQueries queries, CancellationToken ct) =>
        await queries.FindAsync(scope, entryId, ct) is { } row ? TypedResults.Ok(ToDto(row)) : ApiProblems.NotFound();

    private static async Task<IResult> AppendAsync(EntryInput input, PartnershipScope scope, LedgerCommands commands, LedgerQueries queries, CancellationToken ct)
    {
        LedgerEntryKind? kind = null;
        if (input.Kind is not null)
        {
            if (!Enum.TryParse<LedgerEntryKind>(input.Kind.Replace("-", "", StringComparison.Ordinal), true, out var k) || !Enum.IsDefined(k))
            {
                return ApiProblems.Invalid("Kind", $"Use one of: {string.Join(", ", Enum.GetNames<LedgerEntryKind>())}");
            }

            kind = k;
        }

        var result = await commands.AppendAsync(scope, new LedgerEntryInput
        {
            Kind = kind,
            Date = input.Date,
            Summary = input.Summary,
            PartnerIds = input.PartnerIds ?? [],
            People = input.People ?? [],
            Promises = (input.Promises ?? []).Select(p => new PromiseInput { What = p.What, OwnerPartnerId = p.OwnerPartnerId, OwnerPersonId = p.OwnerPersonId, DueDate = p.DueDate, DoneWhen = p.DoneWhen }).ToList(),
            CorrectsEntryId = input.CorrectsEntryId,
        }, ct);
        return result.Saved
            ? TypedResults.Created($"/api/v1/partnerships/{scope.Id}/ledger/{result.Value!.Id}", ToDto((await queries.FindAsync(scope, result.Value.Id, ct))!))
            : result.Failure!.ToApi();
    }

    private static async Task<IResult> VerifyAsync(PartnershipScope scope, ConcordDb db, CancellationToken ct)
    {
        var result = await LedgerCommands.VerifyAsync(db, scope.Id, ct);
        return TypedResults.Ok(ToDto(result, result.FirstBadEntry?.Content.Id));
    }

    public static readonly IReadOnlyList<CsvColumn<LedgerEntryRow>> CsvColumns =
    [
        new("Number", r => r.Sequence),
        new("Date", r => r.Date),
        new("Kind", r => Shared.Display.Name(r.Kind)),
        new("Summary", r => r.Summary),
        new("Organisations", r => string.Join("; ", r.Organisations)),
        new("People", r => string.Join("; ", r.People)),
        new("Promises", r => string.Join("; ", r.Promises)),
        new("Corrects entry", r => r.CorrectsSequence),
        new("Corrected by", r => string.Join("; ", r.CorrectedBy)),
        new("Recorded by", r => r.Author),
        new("Recorded at", r => r.RecordedAt),
        new("Hash", r => r.Hash),
        new("Id", r => r.Id.ToString()),
    ];

    /// <summary>The CSV download, shared by the page and the API: streamed from the database as it is written.</summary>
    public static IResult Csv(PartnershipScope scope, LedgerQueries queries, TimeProvider clock) =>
        new CsvResult<LedgerEntryRow>(queries.StreamAsync(scope.Id), CsvColumns, ExportNames.File(scope.Partnership.Name, "ledger", London.Today(clock), "csv"));

    /// <summary>The JSON download, shared by the page and the API: streamed from the database as it is written.</summary>
    public static IResult Json(PartnershipScope scope, LedgerQueries queries, TimeProvider clock) =>
        new JsonArrayResult<EntryDto>(queries.StreamAsync(scope.Id).Select(ToDto), ExportNames.File(scope.Partnership.Name, "ledger", London.Today(clock), "json"));

    public static MethodDto ToDto(CommunicationMethodRow m) =>
        new(m.Id, m.PartnerId, m.Organisation, m.Channel, m.Frequency.ToString(), m.EveryDays, m.Contacts, m.HowOften, m.Version);

    private static async Task<IResult> MethodsAsync(PartnershipScope scope, LedgerQueries queries, CancellationToken ct) =>
        TypedResults.Ok((await queries.MethodsAsync(scope, ct)).Select(ToDto).ToList());

    private static async Task<IResult> MethodAsync(Guid methodId, PartnershipScope scope, LedgerQueries queries, CancellationToken ct) =>
        await queries.MethodAsync(scope, methodId, ct) is { } row ? TypedResults.Ok(ToDto(row)) : ApiProblems.NotFound();

    private static bool TryFrequency(string? text, out ContactFrequency? frequency)
    {
        frequency = null;
        if (text is null)
        {
            return true;
        }

        if (!Enum.TryParse<ContactFrequency>(text, true, out var f) || !Enum.IsDefined(f))
        {
            return false;
        }

        frequency = f;
        return true;
    }

    private static IResult BadFrequency() =>
        ApiProblems.Invalid("Frequency", $"Use one of: {string.Join(", ", Enum.GetNames<ContactFrequency>())}");

    private static ContactMethodInput Fields(MethodInput input, ContactFrequency? frequency) =>
        new() { PartnerId = input.PartnerId, Channel = input.Channel, Frequency = frequency, EveryDays = input.EveryDays, Contacts = input.Contacts };

    private static async Task<IResult> AddMethodAsync(MethodInput input, PartnershipScope scope, ContactMethods methods, LedgerQueries queries, CancellationToken ct)
    {
        if (!TryFrequency(input.Frequency, out var frequency))
        {
            return BadFrequency();
        }

        var result = await methods.AddAsync(scope, Fields(input, frequency), ct);
        return result.Saved
            ? TypedResults.Created($"/api/v1/partnerships/{scope.Id}/contact-methods/{result.Value!.Id}", ToDto((await queries.MethodAsync(scope, result.Value.Id, ct))!))
            : result.Failure!.ToApi();
    }

    private static async Task<IResult> UpdateMethodAsync(Guid methodId, MethodInput input, PartnershipScope scope, ContactMethods methods, LedgerQueries queries, CancellationToken ct)
    {
        if (!TryFrequency(input.Frequency, out var frequency))
        {
            return BadFrequency();
        }

        var result = await methods.UpdateAsync(scope, methodId, Fields(input, frequency), input.Version, ct);
        if (result.Saved)
        {
            return TypedResults.Ok(ToDto((await queries.MethodAsync(scope, methodId, ct))!));
        }

        var current = result.Status == WriteStatus.Stale ? await queries.MethodAsync(scope, methodId, ct) : null;
        return result.Failure!.ToApi(current is null ? null : ToDto(current));
    }

    private static async Task<IResult> RemoveMethodAsync(Guid methodId, int? version, PartnershipScope scope, ContactMethods methods, LedgerQueries queries, CancellationToken ct)
    {
        var result = await methods.RemoveAsync(scope, methodId, version, ct);
        if (result.Saved)
        {
            return TypedResults.NoContent();
        }

        var current = result.Status == WriteStatus.Stale ? await queries.MethodAsync(scope, methodId, ct) : null;
        return result.Failure!.ToApi(current is null ? null : ToDto(current));
    }

    private static async Task<IResult> QuietAsync(PartnershipScope scope, LedgerQueries queries, CancellationToken ct) =>
        TypedResults.Ok((await queries.QuietAsync(scope.Id, ct))
            .Select(q => new QuietDto(q.PartnerId, q.DaysSince, q.DaysSinceLastContact, q.AgreedFrequency, q.Agreed.Channel, q.Message)).ToList());
}
