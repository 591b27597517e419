using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Export;
using Concord.Web.Infrastructure.Http;
using Concord.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concord.Web.Features.Ledger;

/// <summary>
/// The communications ledger (append-only, hash-chained per partnership) and the ways of keeping in touch agreed with
/// each partner. Members read; everyone but observers records entries; coordinators set the agreed contact.
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

    public sealed record MethodInput(Guid? PartnerId, string? Channel, string? Frequency, int? EveryDays, string? Contacts);

    public sealed record MethodDto(Guid Id, Guid PartnerId, string Organisation, string Channel, string Frequency, int? EveryDays, string Contacts, string HowOften);

    public sealed record QuietDto(Guid PartnerId, int DaysSince, int? DaysSinceLastContact, string AgreedFrequency, string Channel, string Message);

    public static RouteGroupBuilder MapLedgerApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/partnerships/{id:guid}").WithTags("Ledger").RequireAuthorization(AuthSetup.ApiPolicy);
        group.MapGet("/ledger", ListAsync).WithName("ListLedgerEntries").WithSummary("The partnership's ledger, newest first. Corrected entries say which entries correct them.");
        group.MapPost("/ledger", AppendAsync).WithName("RecordLedgerEntry")
            .WithSummary("Records a meeting, call, e-mail, letter, agreement, decision or other communication. Each promise becomes a commitment linked to the entry. To put a mistake right, record a new entry with `correctsEntryId`: entries are never changed.");
        group.MapGet("/ledger/verify", VerifyAsync).WithName("VerifyLedger")
            .WithSummary("Walks the hash chain from the first entry and reports the first entry that does not match (changed, removed or out of order).");
        group.MapGet("/ledger/export.csv", CsvAsync).WithName("ExportLedgerCsv").WithSummary("The ledger as CSV for Excel (UTF-8 with BOM; formulas neutralised).");
        group.MapGet("/ledger/export.json", JsonAsync).WithName("ExportLedgerJson").WithSummary("The ledger as a JSON file, with each entry's hash.");
        group.MapGet("/ledger/{entryId:guid}", GetAsync).WithName("GetLedgerEntry").WithSummary("One ledger entry.");
        group.MapGet("/contact-methods", MethodsAsync).WithName("ListContactMethods").WithSummary("The ways of keeping in touch agreed with each partner.");
        group.MapPost("/contact-methods", AddMethodAsync).WithName("AddContactMethod")
            .WithSummary("Agrees a way of keeping in touch with a partner (coordinators): channel, frequency (Weekly, Fortnightly, Monthly, Quarterly or EveryNDays with everyDays), contacts.");
        group.MapDelete("/contact-methods/{methodId:guid}", RemoveMethodAsync).WithName("RemoveContactMethod").WithSummary("Removes an agreed way of keeping in touch (coordinators).");
        group.MapGet("/contact-methods/quiet", QuietAsync).WithName("QuietPartners")
            .WithSummary("Partners the ledger shows no contact with for longer than agreed, most overdue first.");
        return api;
    }

    public static EntryDto ToDto(LedgerEntryRow r) => new(r.Id, r.Sequence, r.Kind.ToString(), r.Date, r.Summary, r.PartnerIds, r.Organisations,
        r.People, r.Promises, r.CorrectsEntryId, r.IsCorrected, r.CorrectedBy, r.Author, r.RecordedAt, r.Hash, r.CommitmentIds);

    public static VerifyDto ToDto(LedgerVerification v, Guid? badId) => new(v.IsIntact, v.EntriesChecked, v.FirstBadEntry?.Content.Sequence,
        badId, v.Problem?.ToString(), v.Message);

    private static async Task<Results<Ok<List<EntryDto>>, ProblemHttpResult>> ListAsync(Guid id, PartnershipAccess access, LedgerQueries queries, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is null)
        {
            return ApiProblems.NotFound();
        }

        return TypedResults.Ok((await queries.EntriesAsync(id, ct)).Select(ToDto).ToList());
    }

    private static async Task<Results<Ok<EntryDto>, ProblemHttpResult>> GetAsync(Guid id, Guid entryId, PartnershipAccess access, LedgerQueries queries, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is null)
        {
            return ApiProblems.NotFound();
        }

        var row = (await queries.EntriesAsync(id, ct)).FirstOrDefault(e => e.Id == entryId);
        return row is null ? ApiProblems.NotFound() : TypedResults.Ok(ToDto(row));
    }

    private static async Task<Results<Created<EntryDto>, ValidationProblem, ProblemHttpResult>> AppendAsync(
        Guid id, EntryInput input, CurrentUser user, PartnershipAccess access, LedgerCommands commands, LedgerQueries queries, CancellationToken ct)
    {
        var found = await access.FindAsync(id, ct);
        if (found is null)
        {
            return ApiProblems.NotFound();
        }

        if (!found.CanContribute || user.IsReadOnly)
        {
            return ApiProblems.Forbidden("Observers read the ledger; they do not record in it.");
        }

        LedgerEntryKind? kind = null;
        if (input.Kind is not null)
        {
            if (!Enum.TryParse<LedgerEntryKind>(input.Kind.Replace("-", "", StringComparison.Ordinal), true, out var k) || !Enum.IsDefined(k))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["kind"] = [$"Use one of: {string.Join(", ", Enum.GetNames<LedgerEntryKind>())}."] });
            }

            kind = k;
        }

        var (entry, errors) = await commands.AppendAsync(id, new LedgerEntryInput
        {
            Kind = kind,
            Date = input.Date,
            Summary = input.Summary,
            PartnerIds = input.PartnerIds ?? [],
            People = input.People ?? [],
            Promises = (input.Promises ?? []).Select(p => new PromiseInput { What = p.What, OwnerPartnerId = p.OwnerPartnerId, OwnerPersonId = p.OwnerPersonId, DueDate = p.DueDate, DoneWhen = p.DoneWhen }).ToList(),
            CorrectsEntryId = input.CorrectsEntryId,
        }, ct);
        if (entry is null)
        {
            return TypedResults.ValidationProblem(new Concord.Web.Infrastructure.Writes.FieldErrors().AddRange(errors).ToProblemErrors());
        }

        var row = (await queries.EntriesAsync(id, ct)).First(e => e.Id == entry.Id);
        return TypedResults.Created($"/api/v1/partnerships/{id}/ledger/{entry.Id}", ToDto(row));
    }

    private static async Task<Results<Ok<VerifyDto>, ProblemHttpResult>> VerifyAsync(Guid id, ConcordDb db, PartnershipAccess access, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is null)
        {
            return ApiProblems.NotFound();
        }

        var result = await LedgerCommands.VerifyAsync(db, id, ct);
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
    ];

    private static async Task<IResult> CsvAsync(Guid id, PartnershipAccess access, LedgerQueries queries, TimeProvider clock, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return ApiProblems.NotFound();
        }

        var rows = (await queries.EntriesAsync(id, ct)).OrderBy(r => r.Sequence).ToList();
        return new CsvResult<LedgerEntryRow>(rows, CsvColumns, ExportNames.File(found.Partnership.Name, "ledger", London.Today(clock), "csv"));
    }

    private static async Task<IResult> JsonAsync(Guid id, PartnershipAccess access, LedgerQueries queries, TimeProvider clock, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return ApiProblems.NotFound();
        }

        var rows = (await queries.EntriesAsync(id, ct)).OrderBy(r => r.Sequence).Select(ToDto).ToList();
        return ExportNames.JsonFile(rows, ExportNames.File(found.Partnership.Name, "ledger", London.Today(clock), "json"));
    }

    private static MethodDto ToDto(CommunicationMethodRow m) => new(m.Id, m.PartnerId, m.Organisation, m.Channel, m.Frequency.ToString(), m.EveryDays, m.Contacts, m.HowOften);

    private static async Task<Results<Ok<List<MethodDto>>, ProblemHttpResult>> MethodsAsync(Guid id, PartnershipAccess access, LedgerQueries queries, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is null)
        {
            return ApiProblems.NotFound();
        }

        return TypedResults.Ok((await queries.MethodsAsync(id, ct)).Select(ToDto).ToList());
    }

    private static async Task<Results<Created<MethodDto>, ValidationProblem, ProblemHttpResult>> AddMethodAsync(
        Guid id, MethodInput input, CurrentUser user, PartnershipAccess access, ContactMethods methods, LedgerQueries queries, CancellationToken ct)
    {
        var found = await access.FindAsync(id, ct);
        if (found is null)
        {
            return ApiProblems.NotFound();
        }

        if (!found.CanManage || user.IsReadOnly)
        {
            return ApiProblems.Forbidden("Only the partnership's coordinators agree ways of keeping in touch.");
        }

        ContactFrequency? frequency = null;
        if (input.Frequency is not null)
        {
            if (!Enum.TryParse<ContactFrequency>(input.Frequency, true, out var f) || !Enum.IsDefined(f))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["frequency"] = [$"Use one of: {string.Join(", ", Enum.GetNames<ContactFrequency>())}."] });
            }

            frequency = f;
        }

        var (method, errors) = await methods.AddAsync(id, new ContactMethodInput { PartnerId = input.PartnerId, Channel = input.Channel, Frequency = frequency, EveryDays = input.EveryDays, Contacts = input.Contacts }, ct);
        if (method is null)
        {
            return TypedResults.ValidationProblem(new Concord.Web.Infrastructure.Writes.FieldErrors().AddRange(errors).ToProblemErrors());
        }

        var row = (await queries.MethodsAsync(id, ct)).First(m => m.Id == method.Id);
        return TypedResults.Created($"/api/v1/partnerships/{id}/contact-methods/{method.Id}", ToDto(row));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveMethodAsync(
        Guid id, Guid methodId, CurrentUser user, PartnershipAccess access, ContactMethods methods, CancellationToken ct)
    {
        var found = await access.FindAsync(id, ct);
        if (found is null || !await methods.ExistsAsync(id, methodId, ct))
        {
            return ApiProblems.NotFound();
        }

        if (!found.CanManage || user.IsReadOnly)
        {
            return ApiProblems.Forbidden("Only the partnership's coordinators change the agreed ways of keeping in touch.");
        }

        await methods.RemoveAsync(id, methodId, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<List<QuietDto>>, ProblemHttpResult>> QuietAsync(Guid id, PartnershipAccess access, LedgerQueries queries, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is null)
        {
            return ApiProblems.NotFound();
        }

        return TypedResults.Ok((await queries.QuietAsync(id, ct))
            .Select(q => new QuietDto(q.PartnerId, q.DaysSince, q.DaysSinceLastContact, q.AgreedFrequency, q.Agreed.Channel, q.Message)).ToList());
    }
}
