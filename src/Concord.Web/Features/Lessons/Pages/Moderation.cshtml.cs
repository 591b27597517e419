using Concord.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Lessons.Pages;

/// <summary>The learning team's queue: lessons sent at events and lessons to be made public. Approve (with visibility and category) or reject.</summary>
public sealed class ModerationModel(CurrentUser user, LessonAccess access, LessonCommands commands, LessonTaxonomy taxonomy) : PageModel
{
    public sealed record Item(Lesson Lesson, string? LinkName);

    public IReadOnlyList<Item> Items { get; private set; } = [];
    public List<SelectListItem> Categories { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!user.IsLearningTeam)
        {
            return Forbid();
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid lessonId, string? decision, LessonVisibility? visibility, Guid? categoryId, CancellationToken ct)
    {
        if (!user.IsLearningTeam)
        {
            return Forbid();
        }

        if (await access.FindAsync(lessonId, ct) is not { } found)
        {
            return NotFound();
        }

        if (found.Lesson.Moderation != ModerationState.Pending)
        {
            TempData["StatusMessage"] = "That lesson has already been reviewed.";
            return Redirect("/lessons/moderation");
        }

        var approve = decision == "approve";
        var outcome = await commands.ModerateAsync(found.Lesson, approve, visibility, categoryId, ct);
        if (!outcome.Succeeded)
        {
            foreach (var (field, message) in outcome.Errors)
            {
                ModelState.AddModelError(field, message);
            }

            await LoadAsync(ct);
            return Page();
        }

        TempData["StatusMessage"] = approve
            ? $"You published “{found.Lesson.Title}” ({found.Lesson.Visibility.DisplayName()})."
            : $"You did not publish “{found.Lesson.Title}”.";
        return Redirect("/lessons/moderation");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var pending = await access.Visible().AsNoTracking().Include(l => l.Tags).Include(l => l.Category).Include(l => l.CollectionLink)
            .Where(l => l.Moderation == ModerationState.Pending)
            .OrderBy(l => l.CreatedAt).Take(100).ToListAsync(ct);
        Items = [.. pending.Select(l => new Item(l, l.CollectionLink?.Name))];
        Categories = await taxonomy.OptionsAsync(null, ct, "Leave as it is");
    }
}
