using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Export;
using Concord.Web.Infrastructure.Hooks;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Audit;

/// <summary>
/// For the subject access export: the audit entries about the person (who saw or changed their account and data), read
/// through the (SubjectId, At) index, and the entries they made themselves, through (ActorId, At). Both oldest first, streamed.
/// </summary>
public sealed class AuditDataParts(ConcordDb db) : IPersonalDataPart
{
    public sealed record AuditRow(DateTimeOffset At, string? Who, string Action, string? SubjectType, Guid? SubjectId, Guid? OrganisationId,
        Guid? PartnershipId, string? IpAddress, string? Details, Guid Id);

    private static readonly IReadOnlyList<CsvColumn<AuditRow>> Columns =
    [
        new("When", r => r.At), new("Who", r => r.Who), new("What happened", r => r.Action), new("About", r => r.SubjectType),
        new("Details", r => r.Details), new("From", r => r.IpAddress), new("Organisation id", r => r.OrganisationId?.ToString()),
        new("Partnership id", r => r.PartnershipId?.ToString()), new("Id", r => r.Id.ToString()),
    ];

    public int Order => 90;

    public IEnumerable<ExportTable> Tables(Guid accountId)
    {
        yield return ExportTable.Of("auditAboutYou", () => Rows(db.Set<AuditEntry>().Where(a => a.SubjectId == accountId)), Columns);
        yield return ExportTable.Of("auditByYou", () => Rows(db.Set<AuditEntry>().Where(a => a.ActorId == accountId)), Columns);
    }

    private static IAsyncEnumerable<AuditRow> Rows(IQueryable<AuditEntry> entries) =>
        entries.AsNoTracking().OrderBy(a => a.At).ThenBy(a => a.Id)
            .Select(a => new AuditRow(a.At, a.ActorEmail, a.Action, a.SubjectType, a.SubjectId, a.OrganisationId, a.PartnershipId, a.IpAddress, a.Details, a.Id))
            .AsAsyncEnumerable();
}
