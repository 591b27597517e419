using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Export;
using Concord.Web.Infrastructure.Hooks;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Commitments;

/// <summary>A dated status report as exported, with the commitment it is about.</summary>
public sealed record CommitmentUpdateExportRow(Guid Id, Guid CommitmentId, string Commitment, Guid PartnershipId, DateOnly Date, CommitmentStatus Status,
    string Note, Guid? ById, string? By, DateTimeOffset RecordedAt);

/// <summary>A commitment as the subject access export shows it: in any partnership, and how the person is named in it.</summary>
public sealed record PersonalCommitmentRow(Guid Id, Guid PartnershipId, string Partnership, string What, string OwnerOrganisation, bool Owner, bool Created,
    DateOnly DueDate, string DoneWhen, CommitmentSource Source, CommitmentStatus ReportedStatus, DateOnly? DoneOn, DateTimeOffset CreatedAt);

/// <summary>
/// Commitments' part of a partnership's hand-over export: every commitment (with the status as of today) and every status
/// update, streamed from the database.
/// </summary>
public sealed class CommitmentsExportPart(ConcordDb db, CommitmentQueries queries) : IPartnershipExportPart
{
    public int Order => 30;

    public static readonly IReadOnlyList<CsvColumn<CommitmentUpdateExportRow>> UpdateColumns =
    [
        new("Commitment", r => r.Commitment),
        new("Date", r => r.Date),
        new("Status", r => CommitmentDisplay.Status(r.Status)),
        new("Note", r => r.Note),
        new("Reported by", r => r.By),
        new("Recorded at", r => r.RecordedAt),
        new("Commitment id", r => r.CommitmentId.ToString()),
        new("Id", r => r.Id.ToString()),
    ];

    public IEnumerable<ExportTable> Tables(PartnershipScope scope)
    {
        var id = scope.Id;
        yield return ExportTable.Of("commitments", () => queries.StreamAsync(id), CommitmentsApi.CsvColumns);
        yield return ExportTable.Of("commitmentUpdates", () => Updates(db, db.Set<CommitmentUpdate>()
            .Where(u => db.Set<Commitment>().Any(c => c.Id == u.CommitmentId && c.PartnershipId == id))), UpdateColumns);
    }

    internal static IAsyncEnumerable<CommitmentUpdateExportRow> Updates(ConcordDb db, IQueryable<CommitmentUpdate> updates) =>
        updates.AsNoTracking()
            .OrderBy(u => u.RecordedAt).ThenBy(u => u.Id)
            .Select(u => new CommitmentUpdateExportRow(u.Id, u.CommitmentId,
                db.Set<Commitment>().Where(c => c.Id == u.CommitmentId).Select(c => c.What).First(),
                db.Set<Commitment>().Where(c => c.Id == u.CommitmentId).Select(c => c.PartnershipId).First(),
                u.Date, u.Status, u.Note, u.ById, u.By!.DisplayName, u.RecordedAt))
            .AsAsyncEnumerable();
}

/// <summary>Commitments' part of what Concord holds about one account: commitments they own or added, and the status updates they reported.</summary>
public sealed class CommitmentsPersonalDataPart(ConcordDb db) : IPersonalDataPart
{
    public int Order => 30;

    public static readonly IReadOnlyList<CsvColumn<PersonalCommitmentRow>> Columns =
    [
        new("Partnership", r => r.Partnership),
        new("What", r => r.What),
        new("Owner organisation", r => r.OwnerOrganisation),
        new("You are the named owner", r => r.Owner ? "Yes" : "No"),
        new("You added it", r => r.Created ? "Yes" : "No"),
        new("Due date", r => r.DueDate),
        new("How we will know it is done", r => r.DoneWhen),
        new("Source", r => Shared.Display.Name(r.Source)),
        new("Reported status", r => CommitmentDisplay.Status(r.ReportedStatus)),
        new("Done on", r => r.DoneOn),
        new("Added at", r => r.CreatedAt),
        new("Id", r => r.Id.ToString()),
    ];

    public IEnumerable<ExportTable> Tables(Guid accountId)
    {
        yield return ExportTable.Of("commitments", () => db.Set<Commitment>().AsNoTracking()
            .Where(c => c.OwnerPersonId == accountId || c.CreatedById == accountId)
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => new PersonalCommitmentRow(c.Id, c.PartnershipId,
                db.Set<Partnership>().Where(p => p.Id == c.PartnershipId).Select(p => p.Name).First(),
                c.What, c.OwnerPartner!.Organisation!.Name, c.OwnerPersonId == accountId, c.CreatedById == accountId,
                c.DueDate, c.DoneWhen, c.Source, c.ReportedStatus, c.DoneOn, c.CreatedAt))
            .AsAsyncEnumerable(), Columns);
        yield return ExportTable.Of("commitmentUpdatesReported",
            () => CommitmentsExportPart.Updates(db, db.Set<CommitmentUpdate>().Where(u => u.ById == accountId)), CommitmentsExportPart.UpdateColumns);
    }
}
