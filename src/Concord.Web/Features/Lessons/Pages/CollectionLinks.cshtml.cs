using Concord.Web.Features.Audit;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Lessons.Pages;

/// <summary>The learning team's links for collecting lessons at networking events.</summary>
public sealed class CollectionLinksModel(ConcordDb db, CurrentUser user, Auditor auditor, TimeProvider clock) : PageModel
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

        var now = clock.GetUtcNow();
        DateTimeOffset? closes = null;
        if (string.IsNullOrWhiteSpace(Input.Name))
        {
            ModelState.AddModelError("Input.Name", "Enter the name of the event");
        }
        else if (Input.Name.Trim().Length > 200)
        {
            ModelState.AddModelError("Input.Name", "The name must be 200 characters or fewer");
        }

        if (Input.ClosesOn is null)
        {
            ModelState.AddModelError("Input.ClosesOn", "Enter the date the link closes");
        }
        else
        {
            var local = Input.ClosesOn.Value.ToDateTime(Input.ClosesAt ?? new TimeOnly(23, 59));
            closes = new DateTimeOffset(local, London.Zone.GetUtcOffset(local));
            if (closes <= now)
            {
                ModelState.AddModelError("Input.ClosesOn", "The closing time must be in the future");
            }
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        var link = new LessonCollectionLink
        {
            Name = Input.Name!.Trim(),
            Token = Secrets.NewToken(),
            ClosesAt = closes!.Value,
            CreatedById = user.Id,
            CreatedAt = now,
        };
        db.Add(link);
        auditor.Record(LessonAuditActions.LinkCreated, nameof(LessonCollectionLink), link.Id, details: link.Name);
        await db.SaveChangesAsync(ct);
        TempData["StatusMessage"] = $"The link for {link.Name} is ready. Share it with people at the event.";
        return Redirect("/lessons/collection-links");
    }

    public async Task<IActionResult> OnPostCloseAsync(Guid linkId, CancellationToken ct)
    {
        if (!user.IsLearningTeam || user.IsReadOnly)
        {
            return Forbid();
        }

        var link = await db.Set<LessonCollectionLink>().FirstOrDefaultAsync(l => l.Id == linkId, ct);
        if (link is null)
        {
            return NotFound();
        }

        link.ClosedAt ??= clock.GetUtcNow();
        auditor.Record(LessonAuditActions.LinkClosed, nameof(LessonCollectionLink), link.Id, details: link.Name);
        await db.SaveChangesAsync(ct);
        TempData["StatusMessage"] = $"The link for {link.Name} is closed.";
        return Redirect("/lessons/collection-links");
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
