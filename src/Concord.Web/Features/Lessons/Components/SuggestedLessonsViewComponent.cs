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

        // Weak signals first: lessons in the categories that speak to what this partnership is struggling with.
        foreach (var (slugs, why) in await WeakSignalsAsync(partnershipId, ct))
        {
            var taken = suggestions.Select(s => s.Id).ToList();
            suggestions.AddRange(await access.Library().Where(l => l.PartnershipId != partnershipId && l.Category != null && slugs.Contains(l.Category.Slug) && !taken.Contains(l.Id))
                .OrderByDescending(l => l.Recommendation != null).ThenByDescending(l => l.CreatedAt).Take(2)
                .Select(l => new Suggestion(l.Id, l.LibraryTitle, l.Kind, l.Category!.Name, why)).ToListAsync(ct));
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
