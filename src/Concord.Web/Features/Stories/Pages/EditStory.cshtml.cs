using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.Stories.Pages;

/// <summary>
/// Writes (no story id: /stories/new) or changes a partnership's story. Members who contribute; observers read. A published
/// story is changed only by those who may publish it. A stale save answers 409 with both versions; nothing is written.
/// </summary>
[Requires(PartnershipOperation.Contribute)]
public sealed class EditStoryModel(PartnershipScope scope, StoryCommands commands) : PageModel
{
    [BindProperty]
    public StoryInput Input { get; set; } = new();

    public Partnership Partnership => scope.Partnership;
    public bool IsNew { get; private set; }

    /// <summary>Set when someone else saved first: what is saved now, shown beside what the person typed.</summary>
    public PartnershipStory? Saved { get; private set; }
    public int StartedFromVersion { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid storyId, CancellationToken ct)
    {
        IsNew = storyId == Guid.Empty;
        if (IsNew)
        {
            return Page();
        }

        if (await commands.FindAsync(scope, storyId, ct) is not { } story)
        {
            return NotFound();
        }

        if (story.State == StoryState.Published && !scope.Can(PartnershipOperation.Publish))
        {
            return Forbid();
        }

        Input = StoryInput.From(story);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid storyId, CancellationToken ct)
    {
        IsNew = storyId == Guid.Empty;
        if (!ModelState.IsValid)
        {
            return IsNew || await commands.FindAsync(scope, storyId, ct) is not null ? Page() : NotFound();
        }

        var result = IsNew
            ? await commands.CreateAsync(scope, Input.Fields(), ct)
            : await commands.UpdateAsync(scope, storyId, Input.Fields(), Input.Version, ct);
        if (result.Saved)
        {
            TempData["StatusMessage"] = IsNew ? "You saved the story as a draft." : "You saved the story.";
            return Redirect($"/partnerships/{scope.Id}/stories/{result.Value!.Id}");
        }

        if (result.Status == WriteStatus.Stale)
        {
            // Nothing of this edit was written: show both versions and let the person decide.
            Saved = result.Current;
            StartedFromVersion = Input.Version;
            ModelState.Remove("Input.Version");
            Input.Version = Saved!.Version;
        }

        return this.Failed(result);
    }
}
