using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Text;
using Concord.Web.Infrastructure.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.Stories.Pages;

/// <summary>The three sections as sanitised HTML (rendered from Markdown).</summary>
public sealed record StorySections(string Background, string WhatWasDone, string WhatWasLearned)
{
    public static StorySections From(PartnershipStory s, MarkdownRenderer markdown) =>
        new(markdown.ToHtml(s.Background), markdown.ToHtml(s.WhatWasDone), markdown.ToHtml(s.WhatWasLearned));
}

/// <summary>A story seen from inside its partnership (drafts too); coordinators and partner leads publish it or take it back to draft.</summary>
public sealed class StoryModel(PartnershipScope scope, StoryCommands commands, MarkdownRenderer markdown) : PageModel
{
    public Partnership Partnership => scope.Partnership;
    public bool CanEdit => scope.Can(PartnershipOperation.Contribute) && (Story.State == StoryState.Draft || CanPublish);
    public bool CanPublish => scope.Can(PartnershipOperation.Publish);
    public PartnershipStory Story { get; private set; } = null!;
    public StorySections Sections { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid storyId, CancellationToken ct) =>
        await LoadAsync(storyId, ct) ? Page() : NotFound();

    [Requires(PartnershipOperation.View)]
    public IActionResult OnPost() => NotFound();

    [Requires(PartnershipOperation.Publish)]
    public async Task<IActionResult> OnPostStateAsync(Guid storyId, StoryState? state, int? version, CancellationToken ct)
    {
        var result = await commands.SetStateAsync(scope, storyId, state, version, ct);
        if (result.Saved)
        {
            TempData["StatusMessage"] = result.Value!.State == StoryState.Published ? "You published the story to the network." : "The story is a draft again.";
            return Redirect($"/partnerships/{scope.Id}/stories/{storyId}");
        }

        // Invalid or stale: the story as it is saved now, with the message at the top (409 when stale).
        if (result.Status is WriteStatus.Invalid or WriteStatus.Stale && !await LoadAsync(storyId, ct))
        {
            return NotFound();
        }

        return this.Failed(result, prefix: "");
    }

    private async Task<bool> LoadAsync(Guid storyId, CancellationToken ct)
    {
        if (await commands.FindAsync(scope, storyId, ct) is not { } story)
        {
            return false;
        }

        (Story, Sections) = (story, StorySections.From(story, markdown));
        return true;
    }
}
