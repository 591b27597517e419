using Concord.Web.Features.Commitments;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Time;
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

public sealed record CommunicationMethodRow(Guid Id, Guid PartnerId, string Organisation, string Channel, ContactFrequency Frequency, int? EveryDays, string Contacts, string HowOften);

public sealed class LedgerQueries(ConcordDb db, TimeProvider clock)
{
    private readonly Dictionary<Guid, IReadOnlyList<QuietWarning>> quiet = [];

    public async Task<List<LedgerEntryRow>> EntriesAsync(Guid partnershipId, CancellationToken ct)
    {
        var entries = await db.Set<LedgerEntry>().AsNoTracking().Where(e => e.PartnershipId == partnershipId)
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { Entry = e, Partners = e.Partners.OrderBy(p => p.Position).Select(p => p.PartnerId).ToList(), Author = e.Author!.DisplayName })
            .ToListAsync(ct);
        var partners = await PartnerNamesAsync(partnershipId, ct);
        var commitments = await db.Set<Commitment>().Where(c => c.PartnershipId == partnershipId && c.SourceLedgerEntryId != null)
            .Select(c => new { c.Id, EntryId = c.SourceLedgerEntryId!.Value }).ToListAsync(ct);
        var sequenceById = entries.ToDictionary(e => e.Entry.Id, e => e.Entry.Sequence);
        var correctedBy = entries.Where(e => e.Entry.CorrectsEntryId is not null)
            .ToLookup(e => e.Entry.CorrectsEntryId!.Value, e => e.Entry.Sequence);
        var byEntry = commitments.ToLookup(c => c.EntryId, c => c.Id);
        return entries.Select(x =>
        {
            var e = x.Entry;
            return new LedgerEntryRow(e.Id, e.Sequence, e.Kind, e.Date, e.Summary, x.Partners,
                x.Partners.Select(p => partners.GetValueOrDefault(p, "A former partner")).ToList(), e.People, e.Promises,
                e.CorrectsEntryId, e.CorrectsEntryId is { } c && sequenceById.TryGetValue(c, out var s) ? s : null,
                correctedBy[e.Id].Order().ToList(), x.Author, e.RecordedAt, e.Hash, byEntry[e.Id].ToList());
        }).ToList();
    }

    public async Task<Dictionary<Guid, string>> PartnerNamesAsync(Guid partnershipId, CancellationToken ct) =>
        await db.Set<Partner>().Where(p => p.PartnershipId == partnershipId)
            .Select(p => new { p.Id, p.Organisation!.Name }).ToDictionaryAsync(p => p.Id, p => p.Name, ct);

    public async Task<List<CommunicationMethodRow>> MethodsAsync(Guid partnershipId, CancellationToken ct)
    {
        var rows = await db.Set<CommunicationMethod>().AsNoTracking().Where(m => m.PartnershipId == partnershipId)
            .Select(m => new { m, Name = m.Partner!.Organisation!.Name }).ToListAsync(ct);
        return rows.OrderBy(r => r.Name).ThenBy(r => r.m.Channel)
            .Select(r => new CommunicationMethodRow(r.m.Id, r.m.PartnerId, r.Name, r.m.Channel, r.m.Frequency, r.m.EveryDays, r.m.Contacts, CadenceRules.Describe(r.m.ToAgreed())))
            .ToList();
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
