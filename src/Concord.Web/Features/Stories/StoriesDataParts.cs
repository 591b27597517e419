using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Export;
using Concord.Web.Infrastructure.Hooks;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Stories;

/// <summary>A partnership story as the hand-over and subject access exports show it, drafts included.</summary>
public sealed record StoryExportRow(Guid Id, Guid PartnershipId, string Title, string Background, string WhatWasDone, string WhatWasLearned,
    StoryState State, DateTimeOffset? PublishedAt, bool SelectedForReports, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

internal static class StoryExportRows
{
    public static readonly IReadOnlyList<CsvColumn<StoryExportRow>> Columns =
    [
        new("Title", r => r.Title),
        new("Background", r => r.Background),
        new("What was done", r => r.WhatWasDone),
        new("What was learned", r => r.WhatWasLearned),
        new("State", r => r.State.ToString()),
        new("Published at", r => r.PublishedAt),
        new("Chosen for reports", r => r.SelectedForReports ? "Yes" : "No"),
        new("Created", r => r.CreatedAt),
        new("Updated", r => r.UpdatedAt),
        new("Partnership id", r => r.PartnershipId.ToString()),
        new("Id", r => r.Id.ToString()),
    ];

    public static IAsyncEnumerable<StoryExportRow> Of(IQueryable<PartnershipStory> stories) =>
        stories.AsNoTracking().OrderBy(s => s.CreatedAt).ThenBy(s => s.Id)
            .Select(s => new StoryExportRow(s.Id, s.PartnershipId, s.Title, s.Background, s.WhatWasDone, s.WhatWasLearned, s.State, s.PublishedAt,
                s.SelectedForReports, s.CreatedAt, s.UpdatedAt))
            .AsAsyncEnumerable();
}

/// <summary>Stories' part of a partnership's hand-over export: every story of the partnership, drafts included.</summary>
public sealed class StoriesExportPart(ConcordDb db) : IPartnershipExportPart
{
    public int Order => 70;

    public IEnumerable<ExportTable> Tables(PartnershipScope scope)
    {
        var id = scope.Id;
        yield return ExportTable.Of("stories", () => StoryExportRows.Of(db.Set<PartnershipStory>().Where(s => s.PartnershipId == id)), StoryExportRows.Columns);
    }
}

/// <summary>Stories' part of what Concord holds about one account: the stories they started.</summary>
public sealed class StoriesPersonalDataPart(ConcordDb db) : IPersonalDataPart
{
    public int Order => 70;

    public IEnumerable<ExportTable> Tables(Guid accountId)
    {
        yield return ExportTable.Of("storiesWritten", () => StoryExportRows.Of(db.Set<PartnershipStory>().Where(s => s.CreatedById == accountId)), StoryExportRows.Columns);
    }
}
