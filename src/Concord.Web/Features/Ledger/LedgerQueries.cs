using Concord.Web.Features.Commitments;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Http;
using Concord.Web.Infrastructure.Time;
using Concord.Web.Infrastructure.Writes;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Ledger;

/// <summary>A ledger entry as shown and exported: names resolved, and whether a later entry corrects it.</summary>
public sealed record LedgerEntryRow(
    Guid Id, long Sequence, LedgerEntryKind Kind, DateOnly Date, string Summary, IReadOnlyList<Guid> PartnerIds,
    IReadOnlyList<string> Organisations, IReadOnlyList<string> People, IReadOnlyList<string> Promises, Guid? CorrectsEntryId,
    long? CorrectsSequence, IReadOnlyList<long> CorrectedBy, string Author, DateTimeOffset RecordedAt, string Hash,
    IReadOnlyList<Guid> CommitmentIds)
{
    public bool IsCorrected => CorrectedBy.Count > 0;
}

public sealed record CommunicationMethodRow(Guid Id, Guid PartnerId, string Organisation, string Channel, ContactFrequency Frequency, int? EveryDays,
    string Contacts, string HowOften, int Version);

/// <summary>Which entries a ledger list shows: all, or those involving one partner (through <c>ledger_entry_partners</c>).</summary>
public sealed record LedgerFilter(Guid? PartnerId = null);

/// <summary>
/// Reads of the ledger. Lists are keyset pages, newest first by the date it happened (then by entry number, so entries on the
/// same day keep one order): <c>before</c> is the number of the last entry seen, and a page costs the same however deep it
/// is (the index on partnership, date and number serves it). One page is one query for the entries with their partners,
/// corrections and commitments, plus one for partner names: the count does not grow with the ledger.
/// </summary>
public sealed class LedgerQueries(ConcordDb db, TimeProvider clock)
{
    private readonly Dictionary<Guid, IReadOnlyList<QuietWarning>> quiet = [];
    private readonly Dictionary<Guid, IReadOnlyDictionary<Guid, string>> partnerNames = [];

    /// <summary>An entry read with everything its row needs, in one query.</summary>
    private sealed record EntryData(LedgerEntry Entry, List<Guid> Partners, string Author, long? CorrectsSequence, List<long> CorrectedBy,
        List<PromiseCommitment> Commitments);

    private sealed record PromiseCommitment(Guid Id, string What);

    private IQueryable<EntryData> Project(IQueryable<LedgerEntry> query) =>
        query.Select(e => new EntryData(
            e,
            e.Partners.OrderBy(p => p.Position).Select(p => p.PartnerId).ToList(),
            e.Author!.DisplayName,
            db.Set<LedgerEntry>().Where(x => x.Id == e.CorrectsEntryId).Select(x => (long?)x.Sequence).FirstOrDefault(),
            db.Set<LedgerEntry>().Where(x => x.CorrectsEntryId == e.Id).OrderBy(x => x.Sequence).Select(x => x.Sequence).ToList(),
            db.Set<Commitment>().Where(c => c.SourceLedgerEntryId == e.Id).OrderBy(c => c.Id).Select(c => new PromiseCommitment(c.Id, c.What)).ToList()));

    private static LedgerEntryRow Row(EntryData x, IReadOnlyDictionary<Guid, string> partners)
    {
        var e = x.Entry;
        // Each promise became one commitment with the same words: link them by what was promised.
        var unused = x.Commitments.ToList();
        var commitmentIds = new List<Guid>();
        foreach (var promise in e.Promises)
        {
            var match = unused.FirstOrDefault(c => c.What == promise);
            if (match is null)
            {
                break;
            }

            unused.Remove(match);
            commitmentIds.Add(match.Id);
        }

        return new LedgerEntryRow(e.Id, e.Sequence, e.Kind, e.Date, e.Summary, x.Partners,
            x.Partners.Select(p => partners.GetValueOrDefault(p, "A former partner")).ToList(), e.People, e.Promises,
            e.CorrectsEntryId, x.CorrectsSequence, x.CorrectedBy, x.Author, e.RecordedAt, e.Hash, commitmentIds);
    }

    /// <summary>
    /// One page of the ledger, newest first. Invalid when <c>before</c> is not an entry of this ledger or the partner is not
    /// one of its partners (entries are never removed, so a real link never meets this).
    /// </summary>
    public async Task<WriteResult<KeysetPage<LedgerEntryRow>>> PageAsync(PartnershipScope scope, LedgerFilter filter, KeysetRequest request, CancellationToken ct)
    {
        var partners = await PartnerNamesAsync(scope.Id, ct);
        if (filter.PartnerId is { } partnerId && !partners.ContainsKey(partnerId))
        {
            return WriteFailure.Invalid("PartnerId", "Choose one of the partnership's partners");
        }

        DateOnly? anchor = null;
        if (request.Before is { } before)
        {
            anchor = await db.Set<LedgerEntry>().Where(e => e.PartnershipId == scope.Id && e.Sequence == before)
                .Select(e => (DateOnly?)e.Date).FirstOrDefaultAsync(ct);
            if (anchor is null)
            {
                return WriteFailure.Invalid("Before", $"There is no entry {before} in this ledger");
            }
        }

        var entries = db.Set<LedgerEntry>().AsNoTracking().Where(e => e.PartnershipId == scope.Id);
        IQueryable<LedgerEntry> ordered;
        if (filter.PartnerId is { } pid)
        {
            // Through the partner rows, which carry the entry's date: the (partner, date) index gives the order.
            var links = db.Set<LedgerEntryPartner>().Where(p => p.PartnerId == pid);
            if (anchor is { } d)
            {
                links = links.Where(p => p.Date <= d);
            }

            var joined = links.Join(entries, p => p.EntryId, e => e.Id, (p, e) => new { p.Date, Entry = e });
            if (anchor is { } date && request.Before is { } b)
            {
                joined = joined.Where(x => x.Date < date || x.Entry.Sequence < b);
            }

            ordered = joined.OrderByDescending(x => x.Date).ThenByDescending(x => x.Entry.Sequence).Select(x => x.Entry);
        }
        else
        {
            if (anchor is { } date && request.Before is { } b)
            {
                // "Date <= anchor" bounds the index range, so the page starts where the last one ended, not at the newest entry.
                entries = entries.Where(e => e.Date <= date && (e.Date < date || e.Sequence < b));
            }

            ordered = entries.OrderByDescending(e => e.Date).ThenByDescending(e => e.Sequence);
        }

        var rows = await Project(ordered.Take(request.Size + 1))
            .AsSingleQuery().ToListAsync(ct);
        var items = rows.Take(request.Size).Select(r => Row(r, partners)).ToList();
        return new KeysetPage<LedgerEntryRow>(items, rows.Count > request.Size ? items[^1].Sequence : null);
    }

    public async Task<LedgerEntryRow?> FindAsync(PartnershipScope scope, Guid entryId, CancellationToken ct)
    {
        var found = await Project(db.Set<LedgerEntry>().AsNoTracking().Where(e => e.PartnershipId == scope.Id && e.Id == entryId))
            .AsSingleQuery().FirstOrDefaultAsync(ct);
        return found is null ? null : Row(found, await PartnerNamesAsync(scope.Id, ct));
    }

    /// <summary>Every entry of the partnership in the order recorded, read as it is written out (CSV, JSON, the hand-over export).</summary>
    public async IAsyncEnumerable<LedgerEntryRow> StreamAsync(Guid partnershipId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var partners = await PartnerNamesAsync(partnershipId, ct);
        var rows = Project(db.Set<LedgerEntry>().AsNoTracking().Where(e => e.PartnershipId == partnershipId).OrderBy(e => e.Sequence))
            .AsSingleQuery().AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(ct))
        {
            yield return Row(row, partners);
        }
    }

    /// <summary>Entries an account recorded, in any partnership (the subject access export).</summary>
    public async IAsyncEnumerable<LedgerEntryRow> RecordedByAsync(Guid accountId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var partners = await db.Set<Partner>()
            .Where(p => db.Set<LedgerEntry>().Any(e => e.AuthorId == accountId && e.PartnershipId == p.PartnershipId))
            .Select(p => new { p.Id, p.Organisation!.Name }).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var rows = Project(db.Set<LedgerEntry>().AsNoTracking().Where(e => e.AuthorId == accountId).OrderBy(e => e.RecordedAt).ThenBy(e => e.Id))
            .AsSingleQuery().AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(ct))
        {
            yield return Row(row, partners);
        }
    }

    /// <summary>The partnership's partners by id, with their organisation's name (a partnership has a handful), read once per request.</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> PartnerNamesAsync(Guid partnershipId, CancellationToken ct)
    {
        if (!partnerNames.TryGetValue(partnershipId, out var names))
        {
            names = await db.Set<Partner>().Where(p => p.PartnershipId == partnershipId)
                .Select(p => new { p.Id, p.Organisation!.Name }).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
            partnerNames[partnershipId] = names;
        }

        return names;
    }

    private IQueryable<CommunicationMethodRow> ProjectMethods(IQueryable<CommunicationMethod> query) =>
        query.Select(m => new CommunicationMethodRow(m.Id, m.PartnerId, m.Partner!.Organisation!.Name, m.Channel, m.Frequency, m.EveryDays, m.Contacts, "", m.Version));

    private static CommunicationMethodRow Described(CommunicationMethodRow m) =>
        m with { HowOften = CadenceRules.Describe(new AgreedContact(m.PartnerId, m.Channel, m.Frequency, m.EveryDays)) };

    public async Task<List<CommunicationMethodRow>> MethodsAsync(PartnershipScope scope, CancellationToken ct)
    {
        var rows = await ProjectMethods(db.Set<CommunicationMethod>().AsNoTracking().Where(m => m.PartnershipId == scope.Id)
            .OrderBy(m => m.Partner!.Organisation!.Name).ThenBy(m => m.Channel).ThenBy(m => m.Id)).ToListAsync(ct);
        return rows.Select(Described).ToList();
    }

    public async Task<CommunicationMethodRow?> MethodAsync(PartnershipScope scope, Guid methodId, CancellationToken ct)
    {
        var row = await ProjectMethods(db.Set<CommunicationMethod>().AsNoTracking().Where(m => m.PartnershipId == scope.Id && m.Id == methodId))
            .FirstOrDefaultAsync(ct);
        return row is null ? null : Described(row);
    }

    /// <summary>
    /// Current partners with nothing in the ledger involving them for longer than agreed: the latest entry date per partner
    /// is one indexed aggregate over <c>ledger_entry_partners</c>, worked out once per request (the home page and the
    /// lessons it suggests both ask).
    /// </summary>
    public async Task<IReadOnlyList<QuietWarning>> QuietAsync(Guid partnershipId, CancellationToken ct)
    {
        if (!quiet.TryGetValue(partnershipId, out var warnings))
        {
            warnings = await FindQuietAsync(partnershipId, ct);
            quiet[partnershipId] = warnings;
        }

        return warnings;
    }

    private async Task<IReadOnlyList<QuietWarning>> FindQuietAsync(Guid partnershipId, CancellationToken ct)
    {
        var partners = await db.Set<Partner>().Where(p => p.PartnershipId == partnershipId && p.LeftOn == null)
            .Select(p => new { p.Id, p.Organisation!.Name, p.JoinedOn }).ToListAsync(ct);
        var partnerIds = partners.Select(p => p.Id).ToList();
        var last = await db.Set<LedgerEntryPartner>().Where(p => partnerIds.Contains(p.PartnerId))
            .GroupBy(p => p.PartnerId).Select(g => new { g.Key, Last = g.Max(p => p.Date) })
            .ToDictionaryAsync(x => x.Key, x => x.Last, ct);
        var agreed = (await db.Set<CommunicationMethod>().AsNoTracking().Where(m => m.PartnershipId == partnershipId).ToListAsync(ct))
            .Select(m => m.ToAgreed());
        return CadenceRules.FindQuiet(
            partners.Select(p => new PartnerLastContact(p.Id, p.Name, p.JoinedOn, last.TryGetValue(p.Id, out var d) ? d : null)),
            agreed, London.Today(clock));
    }
}
