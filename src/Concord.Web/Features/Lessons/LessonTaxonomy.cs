using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Concord.Web.Features.Lessons;

/// <summary>The stored category taxonomy, and category suggestions built from it and the categorised lessons.</summary>
public sealed class LessonTaxonomy(ConcordDb db, IMemoryCache cache)
{
    /// <summary>How many categorised lessons the suggester learns from (the newest).</summary>
    public const int SuggesterSample = 2000;

    public Task<List<LessonCategoryEntry>> AllAsync(CancellationToken ct) =>
        db.Set<LessonCategoryEntry>().AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Name).ToListAsync(ct);

    public async Task<List<SelectListItem>> OptionsAsync(Guid? current, CancellationToken ct, string empty = "Not chosen yet")
    {
        var all = await AllAsync(ct);
        return
        [
            new SelectListItem(empty, ""),
            .. all.Where(c => !c.IsRetired || c.Id == current).Select(c => new SelectListItem(c.IsRetired ? c.Name + " (retired)" : c.Name, c.Id.ToString())),
        ];
    }

    /// <summary>
    /// Suggestions for an uncategorised lesson. The suggester learns from the newest <see cref="SuggesterSample"/> categorised
    /// lessons shared with the network or the public (everyone may read those, under their library titles), and is built once
    /// and kept until one of them or the taxonomy changes (or ten minutes pass): a view of a lesson costs one aggregate query,
    /// not a read of thousands of lesson texts.
    /// </summary>
    public async Task<IReadOnlyList<(CategorySuggestion Suggestion, Guid CategoryId)>> SuggestAsync(Lesson lesson, CancellationToken ct)
    {
        var categories = (await AllAsync(ct)).Where(c => !c.IsRetired).ToList();
        var bySlug = categories.ToDictionary(c => c.Slug);
        var shared = db.Set<Lesson>().Where(l => l.Moderation == ModerationState.Published && l.Visibility != LessonVisibility.Partnership && l.CategoryId != null);
        var stamp = await shared.GroupBy(_ => 1).Select(g => new { Count = g.Count(), Versions = g.Sum(l => (long)l.Version) }).FirstOrDefaultAsync(ct);
        var key = ("lesson-category-suggester", stamp?.Count ?? 0, stamp?.Versions ?? 0,
            string.Join(",", categories.Select(c => c.Id.ToString("N") + ":" + c.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        var suggester = await cache.GetOrCreateAsync(key, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10);
            entry.Size = 1;
            var examples = await shared.OrderByDescending(l => l.CreatedAt).Take(SuggesterSample)
                .Select(l => new { l.LibraryTitle, l.LibraryText, Slug = l.Category!.Slug }).ToListAsync(ct);
            return new CategorySuggester([.. categories.Select(c => c.ToRule())],
                examples.Where(e => bySlug.ContainsKey(e.Slug)).Select(e => new CategorisedLesson(e.LibraryTitle, e.LibraryText, e.Slug)));
        });
        var text = string.Join("\n", new[] { lesson.Context, lesson.WhatHappened, lesson.Recommendation }.Where(t => t is not null));
        return [.. suggester!.Suggest(lesson.Title, text).Where(s => bySlug.ContainsKey(s.CategorySlug)).Select(s => (s, bySlug[s.CategorySlug].Id))];
    }
}
