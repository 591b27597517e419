using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Export;
using Concord.Web.Infrastructure.Hooks;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Ledger;

/// <summary>An agreed way of keeping in touch as exported.</summary>
public sealed record ContactMethodExportRow(Guid Id, Guid PartnerId, string Organisation, string Channel, ContactFrequency Frequency, int? EveryDays,
    string Contacts, DateTimeOffset CreatedAt, int Version);

/// <summary>
/// The ledger's part of a partnership's hand-over export: every entry in the order recorded, with the partners involved,
/// what it corrects and what corrects it, its hash and the commitments its promises became; and the agreed ways of keeping
/// in touch. Rows are read from the database as they are written.
/// </summary>
public sealed class LedgerExportPart(ConcordDb db, LedgerQueries queries) : IPartnershipExportPart
{
    public int Order => 40;

    public static readonly IReadOnlyList<CsvColumn<ContactMethodExportRow>> MethodColumns =
    [
        new("Partner", r => r.Organisation),
        new("Channel", r => r.Channel),
        new("How often", r => CadenceRules.Describe(new AgreedContact(r.PartnerId, r.Channel, r.Frequency, r.EveryDays))),
        new("Contacts", r => r.Contacts),
        new("Agreed at", r => r.CreatedAt),
        new("Version", r => r.Version),
        new("Partner id", r => r.PartnerId.ToString()),
        new("Id", r => r.Id.ToString()),
    ];

    public static readonly IReadOnlyList<CsvColumn<LedgerEntryRow>> EntryColumns =
    [
        .. LedgerApi.CsvColumns,
        new("Partner ids", r => string.Join("; ", r.PartnerIds)),
        new("Corrects entry id", r => r.CorrectsEntryId?.ToString()),
        new("Commitment ids", r => string.Join("; ", r.CommitmentIds)),
    ];

    public IEnumerable<ExportTable> Tables(PartnershipScope scope)
    {
        var id = scope.Id;
        yield return ExportTable.Of("ledgerEntries", () => queries.StreamAsync(id), EntryColumns);
        yield return ExportTable.Of("contactMethods", () => db.Set<CommunicationMethod>().AsNoTracking()
            .Where(m => m.PartnershipId == id)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .Select(m => new ContactMethodExportRow(m.Id, m.PartnerId, m.Partner!.Organisation!.Name, m.Channel, m.Frequency, m.EveryDays, m.Contacts, m.CreatedAt, m.Version))
            .AsAsyncEnumerable(), MethodColumns);
    }
}

/// <summary>The ledger's part of what Concord holds about one account: the entries they recorded, in any partnership.</summary>
public sealed class LedgerPersonalDataPart(LedgerQueries queries) : IPersonalDataPart
{
    public int Order => 40;

    public IEnumerable<ExportTable> Tables(Guid accountId)
    {
        yield return ExportTable.Of("ledgerEntriesRecorded", () => queries.RecordedByAsync(accountId), LedgerExportPart.EntryColumns);
    }
}
