using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Export;
using Concord.Web.Infrastructure.Hooks;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Guidance;

/// <summary>One checklist item with its checklist, and who ticked it, when and why, as the exports show it.</summary>
public sealed record ChecklistProgressRow(Guid ChecklistId, string Checklist, Guid PartnershipId, Guid ItemId, int SortOrder, string Item, bool Done,
    DateTimeOffset? TickedAt, Guid? TickedById, string? TickedBy, string? Note);

internal static class ChecklistProgressRows
{
    public static readonly IReadOnlyList<CsvColumn<ChecklistProgressRow>> Columns =
    [
        new("Checklist", r => r.Checklist),
        new("Item", r => r.Item),
        new("Done", r => r.Done ? "Yes" : "No"),
        new("Ticked at", r => r.TickedAt),
        new("Ticked by", r => r.TickedBy),
        new("Note", r => r.Note),
        new("Checklist id", r => r.ChecklistId.ToString()),
        new("Item id", r => r.ItemId.ToString()),
    ];

    public static IAsyncEnumerable<ChecklistProgressRow> Of(ConcordDb db, IQueryable<ChecklistItem> items) =>
        items.AsNoTracking()
            .Join(db.Set<PartnershipChecklist>(), i => i.ChecklistId, c => c.Id, (i, c) => new { i, c })
            .OrderBy(x => x.c.AdoptedAt).ThenBy(x => x.c.Id).ThenBy(x => x.i.SortOrder).ThenBy(x => x.i.Id)
            .Select(x => new ChecklistProgressRow(x.c.Id, x.c.Title, x.c.PartnershipId, x.i.Id, x.i.SortOrder, x.i.Text, x.i.TickedAt != null,
                x.i.TickedAt, x.i.TickedById, x.i.TickedBy != null ? x.i.TickedBy.DisplayName : null, x.i.Note))
            .AsAsyncEnumerable();
}

/// <summary>Guidance's part of a partnership's hand-over export: its checklists' progress, item by item.</summary>
public sealed class GuidanceExportPart(ConcordDb db) : IPartnershipExportPart
{
    public int Order => 65;

    public IEnumerable<ExportTable> Tables(PartnershipScope scope)
    {
        var id = scope.Id;
        yield return ExportTable.Of("checklistProgress", () => ChecklistProgressRows.Of(db, db.Set<ChecklistItem>()
            .Where(i => db.Set<PartnershipChecklist>().Any(c => c.Id == i.ChecklistId && c.PartnershipId == id))), ChecklistProgressRows.Columns);
    }
}

/// <summary>Guidance's part of what Concord holds about one account: the checklist items they ticked, with their notes.</summary>
public sealed class GuidancePersonalDataPart(ConcordDb db) : IPersonalDataPart
{
    public int Order => 65;

    public IEnumerable<ExportTable> Tables(Guid accountId)
    {
        yield return ExportTable.Of("checklistItemsTicked", () => ChecklistProgressRows.Of(db, db.Set<ChecklistItem>().Where(i => i.TickedById == accountId)),
            ChecklistProgressRows.Columns);
    }
}
