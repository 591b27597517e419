using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Lessons.Components;

/// <summary>
/// Lessons suggested on a partnership's page: lessons from other partnerships at the same stage of life,
/// most useful first (those with a recommendation, then the newest). Rendered with
/// <c>@await Component.InvokeAsync("SuggestedLessons", new { partnershipId = Model.Partnership.Id })</c>.
/// </summary>
public sealed class SuggestedLessonsViewComponent(ConcordDb db, LessonAccess access) : ViewComponent
{
    public const int Count = 5;

    public sealed record Suggestion(Guid Id, string Title, LessonKind Kind, string? Category, string Why);

    public sealed record Model(PartnershipStage Stage, IReadOnlyList<Suggestion> Lessons);

    public async Task<IViewComponentResult> InvokeAsync(Guid partnershipId)
    {
        var ct = HttpContext.RequestAborted;
        var status = await access.MyPartnershipIds().Where(id => id == partnershipId)
            .Select(id => db.Set<Partnership>().Where(p => p.Id == id).Select(p => (PartnershipStatus?)p.Status).FirstOrDefault())
            .FirstOrDefaultAsync(ct);
        if (status is null)
        {
            return Content("");
        }

        var stage = StageOf(status.Value);
        var suggestions = new List<Suggestion>();

        // Hook for weak signals: when commitments exist, lessons in the categories of this partnership's late commitments come first.
        var lateCategories = await LateCommitmentCategorySlugsAsync(partnershipId, ct);
        if (lateCategories.Count > 0)
        {
            suggestions.AddRange(await access.Library().Where(l => l.PartnershipId != partnershipId && l.Category != null && lateCategories.Contains(l.Category.Slug))
                .OrderByDescending(l => l.Recommendation != null).ThenByDescending(l => l.CreatedAt).Take(Count)
                .Select(l => new Suggestion(l.Id, l.LibraryTitle, l.Kind, l.Category!.Name, "Some commitments are late")).ToListAsync(ct));
        }

        var have = suggestions.Select(s => s.Id).ToList();
        suggestions.AddRange(await access.Library().Where(l => l.PartnershipId != partnershipId && l.Stage == stage && !have.Contains(l.Id))
            .OrderByDescending(l => l.Recommendation != null).ThenByDescending(l => l.CreatedAt).Take(Count - suggestions.Count)
            .Select(l => new Suggestion(l.Id, l.LibraryTitle, l.Kind, l.Category!.Name, "Same stage: " + stage.DisplayName())).ToListAsync(ct));
        return View("~/Features/Lessons/Components/SuggestedLessons.cshtml", new Model(stage, suggestions));
    }

    /// <summary>The stage of life a partnership's status stands for.</summary>
    public static PartnershipStage StageOf(PartnershipStatus status) => status switch
    {
        PartnershipStatus.Forming => PartnershipStage.SettingUp,
        PartnershipStatus.Active => PartnershipStage.During,
        _ => PartnershipStage.Ending,
    };

    /// <summary>
    /// HOOK (late commitments): category slugs to suggest because this partnership has late commitments.
    /// Returns nothing until the Commitment entity is on main; then map late commitments' areas to categories here.
    /// </summary>
    public static Task<IReadOnlyList<string>> LateCommitmentCategorySlugsAsync(Guid partnershipId, CancellationToken ct)
    {
        _ = partnershipId;
        _ = ct;
        return Task.FromResult<IReadOnlyList<string>>([]);
    }
}
