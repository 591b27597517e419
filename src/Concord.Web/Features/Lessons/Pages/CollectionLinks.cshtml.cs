using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Time;
using Concord.Web.Infrastructure.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Lessons.Pages;

/// <summary>The learning team's links for collecting lessons at networking events.</summary>
public sealed class CollectionLinksModel(ConcordDb db, CurrentUser user, LessonCommands commands, TimeProvider clock) : PageModel
{
    public sealed class LinkInput
    {
        public string? Name { get; set; }
        public DateOnly? ClosesOn { get; set; }
        public TimeOnly? ClosesAt { get; set; }
    }

    public sealed record Row(LessonCollectionLink Link, int Submitted, int Waiting);

    [BindProperty]
    public LinkInput Input { get; set; } = new();

    public IReadOnlyList<Row> Links { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!user.IsLearningTeam)
        {
            return Forbid();
        }

        Input.ClosesOn = London.Today(clock).AddDays(1);
        Input.ClosesAt = new TimeOnly(18, 0);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!user.IsLearningTeam || user.IsReadOnly)
        {
            return Forbid();
        }

        var result = await commands.CreateLinkAsync(Input.Name, Input.ClosesOn, Input.ClosesAt, ct);
        if (result.Saved)
        {
            TempData["StatusMessage"] = $"The link for {result.Value!.Name} is ready. Share it with people at the event.";
            return Redirect("/lessons/collection-links");
        }

        await LoadAsync(ct);
        return this.Failed(result);
    }

    public async Task<IActionResult> OnPostCloseAsync(Guid linkId, CancellationToken ct)
    {
        if (!user.IsLearningTeam || user.IsReadOnly)
        {
            return Forbid();
        }

        var result = await commands.CloseLinkAsync(linkId, ct);
        if (result.Saved)
        {
            TempData["StatusMessage"] = $"The link for {result.Value!.Name} is closed.";
            return Redirect("/lessons/collection-links");
        }

        await LoadAsync(ct);
        return this.Failed(result);
    }

    public string LinkUrl(LessonCollectionLink link) => $"{Request.Scheme}://{Request.Host}/lessons/collect/{link.Token}";

    private async Task LoadAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        var links = await db.Set<LessonCollectionLink>().AsNoTracking().OrderByDescending(l => l.CreatedAt).Take(100).ToListAsync(ct);
        var ids = links.Select(l => l.Id).ToList();
        var counts = await db.Set<Lesson>().Where(l => l.CollectionLinkId != null && ids.Contains(l.CollectionLinkId.Value))
            .GroupBy(l => l.CollectionLinkId)
            .Select(g => new { Id = g.Key, Total = g.Count(), Waiting = g.Count(l => l.Moderation == ModerationState.Pending) })
            .ToListAsync(ct);
        Links = [.. links.Select(l => new Row(l, counts.FirstOrDefault(c => c.Id == l.Id)?.Total ?? 0, counts.FirstOrDefault(c => c.Id == l.Id)?.Waiting ?? 0))];
    }
}
