using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Writes;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Lessons;

/// <summary>
/// Turns the library's filter values as people and clients write them (a category's id or slug, a kind or stage in words,
/// the search words) into a <see cref="LessonQuery"/>, with a field error for each value it cannot use. The members'
/// library, the public library and both APIs share it.
/// </summary>
public static class LessonFilters
{
    public static async Task<(LessonQuery Query, FieldErrors Errors)> ParseAsync(ConcordDb db,
        string? q, string? category, string? kind, string? stage, string? tag, string? partnershipType, CancellationToken ct)
    {
        var errors = new FieldErrors();
        Guid? categoryId = null;
        if (!string.IsNullOrWhiteSpace(category))
        {
            categoryId = Guid.TryParse(category, out var id)
                ? await db.Set<LessonCategoryEntry>().Where(c => c.Id == id).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct)
                : await db.Set<LessonCategoryEntry>().Where(c => c.Slug == category.Trim().ToLower()).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
            if (categoryId is null)
            {
                errors.Add("Category", "Unknown category. Use a category's id or slug from /api/v1/lessons/categories.");
            }
        }

        LessonKind? k = null;
        if (!string.IsNullOrWhiteSpace(kind))
        {
            if (LessonVocabulary.TryParseKind(kind, out var parsed))
            {
                k = parsed;
            }
            else
            {
                errors.Add("Kind", $"Unknown kind. Use {LessonVocabulary.KindChoicesText}.");
            }
        }

        PartnershipStage? s = null;
        if (!string.IsNullOrWhiteSpace(stage))
        {
            if (LessonVocabulary.TryParseStage(stage, out var parsed))
            {
                s = parsed;
            }
            else
            {
                errors.Add("Stage", $"Unknown stage. Use {LessonVocabulary.StageChoicesText}.");
            }
        }

        if (q?.Length > 200)
        {
            errors.Add("Q", "Search for 200 characters or fewer.");
        }

        return (new LessonQuery(q, categoryId, k, s, tag, partnershipType), errors);
    }
}
