using Concord.Web.Features.Audit;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Export;
using Concord.Web.Infrastructure.Hooks;
using Concord.Web.Infrastructure.Time;

namespace Concord.Web.Features.HandOver;

/// <summary>
/// Everything a partnership holds, for when its funding ends (PRODUCT C15): each feature's tables, found through
/// <see cref="IPartnershipExportPart"/>, in one JSON document or a zip of CSVs. Coordinators only (the Export
/// operation); every download is audited.
/// </summary>
public sealed class HandOverExport(IEnumerable<IPartnershipExportPart> parts, Auditor audit, ConcordDb db, TimeProvider clock)
{
    public const string AuditAction = "partnership.exported";

    public TableDocument Document(PartnershipScope scope) => new(
        $"Everything {scope.Partnership.Name} holds in Concord",
        new Dictionary<string, object?>
        {
            ["PartnershipId"] = scope.Partnership.Id,
            ["Partnership"] = scope.Partnership.Name,
            ["ExportedAt"] = clock.GetUtcNow(),
            ["ExportedBy"] = scope.AccountId,
            ["Format"] = "Concord partnership hand-over, version 1",
        },
        TableDocuments.From(parts, p => p.Order, p => p.Tables(scope)));

    public string FileName(PartnershipScope scope, string extension) =>
        ExportNames.File(scope.Partnership.Name, "hand-over", London.Today(clock), extension);

    /// <summary>Records the download before the first byte is sent, so an export that fails half-way is still on record.</summary>
    public Task RecordAsync(PartnershipScope scope, string format, CancellationToken ct)
    {
        audit.Record(AuditAction, "Partnership", scope.Partnership.Id, partnershipId: scope.Partnership.Id, details: $"Hand-over export ({format})");
        return db.SaveChangesAsync(ct);
    }
}
