using Concord.Web.Features.Accounts;
using Concord.Web.Features.Audit;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Export;
using Concord.Web.Infrastructure.Hooks;
using Concord.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.PersonalData;

/// <summary>
/// Everything Concord holds about one account (a subject access request): each feature's rows, found through
/// <see cref="IPersonalDataPart"/>. The person downloads their own; a network admin can download anyone's, for a request
/// made by letter or e-mail. Every download is audited with the account as its subject, so it shows in the person's own
/// record of who read their data.
/// </summary>
public sealed class PersonalDataExport(IEnumerable<IPersonalDataPart> parts, Auditor audit, ConcordDb db, TimeProvider clock)
{
    public sealed record Subject(Guid Id, string Name, string? Email);

    public Task<Subject?> FindAsync(Guid accountId, CancellationToken ct) =>
        db.Users.AsNoTracking().Where(a => a.Id == accountId).Select(a => new Subject(a.Id, a.DisplayName, a.Email)).FirstOrDefaultAsync(ct);

    public TableDocument Document(Subject subject) => new(
        $"What Concord holds about {subject.Name}",
        new Dictionary<string, object?>
        {
            ["AccountId"] = subject.Id,
            ["Name"] = subject.Name,
            ["Email"] = subject.Email,
            ["ExportedAt"] = clock.GetUtcNow(),
            ["Format"] = "Concord subject access export, version 1",
        },
        TableDocuments.From(parts, p => p.Order, p => p.Tables(subject.Id)));

    public string FileName(Subject subject, string extension) => ExportNames.File(subject.Name, "personal-data", London.Today(clock), extension);

    public Task RecordAsync(Subject subject, bool bySomeoneElse, string format, CancellationToken ct)
    {
        audit.Record(AuditActions.PersonalDataRead, nameof(Account), subject.Id,
            details: bySomeoneElse ? $"Subject access export ({format}), downloaded by a network admin" : $"Subject access export ({format})");
        return db.SaveChangesAsync(ct);
    }
}
