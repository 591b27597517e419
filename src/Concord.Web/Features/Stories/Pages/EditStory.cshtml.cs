using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Stories.Pages;

/// <summary>Writes (no story id: /stories/new) or changes a partnership's story. Members who contribute; observers read.</summary>
[Requires(PartnershipOperation.Contribute)]
public sealed class EditStoryModel(ConcordDb db, PartnershipAccess access, StoryCommands commands) : PageModel
{
    [BindProperty]
    public StoryInput Input { get; set; } = new();

    public PartnershipContext Context { get; private set; } = null!;
    public bool IsNew { get; private set; }
    public PartnershipStory? Saved { get; private set; }
    public int StartedFromVersion { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid storyId, CancellationToken ct)
    {
        var (result, story) = await FindAsync(id, storyId, ct);
        if (result is not null)
        {
            return result;
        }

        if (story is not null)
        {
            Input = StoryInput.From(story);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid storyId, CancellationToken ct)
    {
        var (result, story) = await FindAsync(id, storyId, ct);
        if (result is not null)
        {
            return result;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var (saved, outcome) = await commands.SaveAsync(id, story, Input.Fields(), IsNew ? null : Input.Version, ct);
            if (saved is null)
            {
                foreach (var (field, message) in outcome.Errors)
                {
                    ModelState.AddModelError("Input." + field, message);
                }

                return Page();
            }

            TempData["StatusMessage"] = IsNew ? "You saved the story as a draft." : "You saved the story.";
            return Redirect($"/partnerships/{id}/stories/{saved.Id}");
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            Saved = await db.Set<PartnershipStory>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == storyId && s.PartnershipId == id, ct);
            if (Saved is null)
            {
                return NotFound();
            }

            StartedFromVersion = Input.Version;
            ModelState.Remove("Input.Version");
            Input.Version = Saved.Version;
            Response.StatusCode = StatusCodes.Status409Conflict;
            ModelState.AddModelError("", "Someone else changed this story while you were editing it. Your changes have not been saved. Compare the two versions below, then save again to replace theirs with yours, or cancel to keep theirs");
            return Page();
        }
    }

    private async Task<(IActionResult? Result, PartnershipStory? Story)> FindAsync(Guid id, Guid storyId, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return (NotFound(), null);
        }

        Context = found;
        IsNew = storyId == Guid.Empty;
        PartnershipStory? story = null;
        if (!IsNew && (story = await commands.FindInPartnershipAsync(id, storyId, ct)) is null)
        {
            return (NotFound(), null);
        }

        return found.CanContribute ? (null, story) : (Forbid(), null);
    }
}
