using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Lessons;

/// <summary>The stored category taxonomy, and category suggestions built from it and the categorised lessons.</summary>
public sealed class LessonTaxonomy(ConcordDb db, LessonAccess access)
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

    public async Task<IReadOnlyList<(CategorySuggestion Suggestion, Guid CategoryId)>> SuggestAsync(Lesson lesson, CancellationToken ct)
    {
        var categories = (await AllAsync(ct)).Where(c => !c.IsRetired).ToList();
        var bySlug = categories.ToDictionary(c => c.Slug);
        var examples = await access.Library().Where(l => l.CategoryId != null && l.Id != lesson.Id)
            .OrderByDescending(l => l.CreatedAt).Take(SuggesterSample)
            .Select(l => new { l.Title, l.LibraryText, Slug = l.Category!.Slug }).ToListAsync(ct);
        var suggester = new CategorySuggester([.. categories.Select(c => c.ToRule())],
            examples.Where(e => bySlug.ContainsKey(e.Slug)).Select(e => new CategorisedLesson(e.Title, e.LibraryText, e.Slug)));
        var text = string.Join("\n", new[] { lesson.Context, lesson.WhatHappened, lesson.Recommendation }.Where(t => t is not null));
        return [.. suggester.Suggest(lesson.Title, text).Where(s => bySlug.ContainsKey(s.CategorySlug)).Select(s => (s, bySlug[s.CategorySlug].Id))];
    }
}
