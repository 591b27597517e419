using Concord.Web.Features.Lessons;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Guidance;

public sealed record RelatedLesson(Guid Id, string Title, string? Category, string Url);

/// <summary>
/// Lessons related to a guidance article (in one of its categories or with one of its tags), only those
/// the reader may see: published lessons shared with the network or the public, and any lesson of a
/// partnership the reader belongs to.
/// </summary>
public sealed class RelatedLessons(ConcordDb db, CurrentUser user)
{
    public IQueryable<Lesson> VisibleToMe()
    {
        var me = user.IdOrNull ?? Guid.Empty;
        var mine = db.Set<Partnerships.PartnershipMembership>().Where(m => m.AccountId == me).Select(m => (Guid?)m.PartnershipId);
        return db.Set<Lesson>().Where(l =>
            (l.Moderation == ModerationState.Published && l.Visibility != LessonVisibility.Partnership) ||
            (l.PartnershipId != null && mine.Contains(l.PartnershipId)));
    }

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
