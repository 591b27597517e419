using Concord.Web.Features.Commitments;
using Concord.Web.Features.Ledger;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Hooks;
using Concord.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Lessons.Components;

/// <summary>
/// Lessons suggested on a partnership's page: lessons from other partnerships at the same stage of life,
/// most useful first (those with a recommendation, then the newest). A section of the partnership home.
/// </summary>
[PartnershipHomeSection(50)]
public sealed class SuggestedLessonsViewComponent(PartnershipScope scope, ConcordDb db, LessonAccess access, LedgerQueries ledger, TimeProvider clock) : ViewComponent
{
    public const int Count = 5;

    public sealed record Suggestion(Guid Id, string Title, LessonKind Kind, string? Category, string Why);

    public sealed record Model(PartnershipStage Stage, IReadOnlyList<Suggestion> Lessons);

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var ct = HttpContext.RequestAborted;
        var partnershipId = scope.Id;
        var stage = StageOf(scope.Partnership.Status);
        var suggestions = new List<Suggestion>();

        // Weak signals first: lessons in the categories that speak to what this partnership is struggling with. Each
        // category is read on its own through the (moderation, category, recommendation, created) index, so the newest
        // few come straight from the index whatever the size of the library; a handful of categories at most.
        var signals = await WeakSignalsAsync(partnershipId, ct);
        if (signals.Count > 0)
        {
            var slugs = signals.SelectMany(s => s.Slugs).Distinct().ToList();
            var categories = await db.Set<LessonCategoryEntry>().Where(c => slugs.Contains(c.Slug)).Select(c => new { c.Id, c.Slug }).ToListAsync(ct);
            foreach (var (signalSlugs, why) in signals)
            {
                var found = new List<(Suggestion Suggestion, bool HasRecommendation, DateTimeOffset CreatedAt)>();
                foreach (var category in categories.Where(c => signalSlugs.Contains(c.Slug)))
                {
                    var taken = suggestions.Select(s => s.Id).ToList();
                    var rows = await Best(access.Library().Where(l => l.CategoryId == category.Id && l.PartnershipId != partnershipId && !taken.Contains(l.Id)))
                        .Take(2).Select(l => new { l.Id, l.LibraryTitle, l.Kind, Category = l.Category!.Name, l.HasRecommendation, l.CreatedAt }).ToListAsync(ct);
                    found.AddRange(rows.Select(r => (new Suggestion(r.Id, r.LibraryTitle, r.Kind, r.Category, why), r.HasRecommendation, r.CreatedAt)));
                }

                suggestions.AddRange(found.OrderByDescending(f => f.HasRecommendation).ThenByDescending(f => f.CreatedAt).Take(2).Select(f => f.Suggestion));
            }
        }

        // Then lessons at the same stage, through the (moderation, stage, recommendation, created) index.
        var have = suggestions.Select(s => s.Id).ToList();
        suggestions.AddRange(await Best(access.Library().Where(l => l.Stage == stage && l.PartnershipId != partnershipId && !have.Contains(l.Id)))
            .Take(Count - suggestions.Count)
            .Select(l => new Suggestion(l.Id, l.LibraryTitle, l.Kind, l.Category!.Name, "Same stage: " + stage.DisplayName())).ToListAsync(ct));
        return View("~/Features/Lessons/Components/SuggestedLessons.cshtml", new Model(stage, suggestions));
    }

    /// <summary>Most useful first: lessons with a recommendation, then the newest (the stored flag, so an index gives the order).</summary>
    private static IOrderedQueryable<Lesson> Best(IQueryable<Lesson> lessons) =>
        lessons.OrderByDescending(l => l.HasRecommendation).ThenByDescending(l => l.CreatedAt);

    /// <summary>The stage of life a partnership's status stands for.</summary>
    public static PartnershipStage StageOf(PartnershipStatus status) => status switch
    {
        PartnershipStatus.Forming => PartnershipStage.SettingUp,
        PartnershipStatus.Active => PartnershipStage.During,
        _ => PartnershipStage.Ending,
    };

    /// <summary>
    /// What the partnership is struggling with, as categories to look in and the reason shown: commitments past
    /// their due date and not done (timing, partnership relationships), partners gone quiet for longer than agreed
    /// (communication).
    /// </summary>
    private async Task<IReadOnlyList<(string[] Slugs, string Why)>> WeakSignalsAsync(Guid partnershipId, CancellationToken ct)
    {
        var signals = new List<(string[], string)>();
        var today = London.Today(clock);
        var late = await db.Set<Commitment>().CountAsync(c => c.PartnershipId == partnershipId && c.ReportedStatus != CommitmentStatus.Done
            && (c.DueDate < today || c.ReportedStatus == CommitmentStatus.Late), ct);
        if (late > 0)
        {
            signals.Add((["timing", "partnership-relationships"], late == 1 ? "1 commitment is late" : $"{late} commitments are late"));
        }

        var quiet = await ledger.QuietAsync(partnershipId, ct);
        if (quiet.Count > 0)
        {
            signals.Add((["communication"], quiet.Count == 1 ? "A partner has gone quiet" : $"{quiet.Count} partners have gone quiet"));
        }

        return signals;
    }
}
