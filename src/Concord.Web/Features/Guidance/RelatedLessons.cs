using Concord.Web.Features.Lessons;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Guidance;

public sealed record RelatedLesson(Guid Id, string Title, string? Category, string Url);

/// <summary>
/// Lessons related to a guidance article (in one of its categories or with one of its tags), only those
/// the reader may see in the lessons library (<see cref="LessonAccess.Library"/>). Titles are the library's
/// (anonymised for public lessons).
/// </summary>
public sealed class RelatedLessons(LessonAccess access)
{
    /// <summary>The lessons library's own rule: published lessons the caller may read.</summary>
    public IQueryable<Lesson> VisibleToMe() => access.Library();

    public async Task<IReadOnlyList<RelatedLesson>> ForAsync(GuidanceArticle article, int max, CancellationToken ct)
    {
        var categories = GuidanceArticle.SplitList(article.RelatedCategories).Select(c => c.ToLowerInvariant()).ToList();
        var tags = GuidanceArticle.SplitList(article.RelatedTags).Select(t => t.ToLowerInvariant()).ToList();
        if (categories.Count == 0 && tags.Count == 0)
        {
            return [];
        }

        var rows = await VisibleToMe()
            .Where(l => (l.Category != null && categories.Contains(l.Category.Slug)) || l.Tags.Any(t => tags.Contains(t.Tag)))
            .OrderByDescending(l => l.CreatedAt)
            .Take(max)
            .Select(l => new { l.Id, l.LibraryTitle, l.Title, Category = l.Category != null ? l.Category.Name : null })
            .ToListAsync(ct);
        return [.. rows.Select(r => new RelatedLesson(r.Id, string.IsNullOrEmpty(r.LibraryTitle) ? r.Title : r.LibraryTitle, r.Category, $"/lessons/{r.Id}"))];
    }
}
