using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Stories.Pages;

/// <summary>The three sections as sanitised HTML (rendered from Markdown).</summary>
public sealed record StorySections(string Background, string WhatWasDone, string WhatWasLearned)
{
    public static StorySections From(PartnershipStory s, MarkdownRenderer markdown) =>
        new(markdown.ToHtml(s.Background), markdown.ToHtml(s.WhatWasDone), markdown.ToHtml(s.WhatWasLearned));
}

/// <summary>A story seen from inside its partnership (drafts too); contributors publish or take it back to draft.</summary>
public sealed class StoryModel(ConcordDb db, PartnershipAccess access, StoryCommands commands, MarkdownRenderer markdown) : PageModel
{
    public PartnershipContext Context { get; private set; } = null!;
    public PartnershipStory Story { get; private set; } = null!;
    public StorySections Sections { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid storyId, CancellationToken ct) =>
        await LoadAsync(id, storyId, ct) ? Page() : NotFound();

    [Requires(PartnershipOperation.View)]
    public IActionResult OnPost() => NotFound();

    [Requires(PartnershipOperation.Contribute)]
    public async Task<IActionResult> OnPostStateAsync(Guid id, Guid storyId, StoryState state, int version, CancellationToken ct)
    {
        if (!await LoadAsync(id, storyId, ct))
        {
            return NotFound();
        }

        if (!Context.CanContribute)
        {
            return Forbid();
        }

        db.ExpectVersion(Story, version);
        try
        {
            await commands.SetStateAsync(Story, state, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["StatusMessage"] = "Someone else changed the story just now. Nothing was changed: check the story and try again.";
            return Redirect($"/partnerships/{id}/stories/{storyId}");
        }

        TempData["StatusMessage"] = state == StoryState.Published ? "You published the story to the network." : "The story is a draft again.";
        return Redirect($"/partnerships/{id}/stories/{storyId}");
    }

    private async Task<bool> LoadAsync(Guid id, Guid storyId, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found || await commands.FindInPartnershipAsync(id, storyId, ct) is not { } story)
        {
            return false;
        }

        (Context, Story, Sections) = (found, story, StorySections.From(story, markdown));
        return true;
    }
}
