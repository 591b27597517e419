using Concord.Web.Infrastructure.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.PublicLibrary.Pages;

/// <summary>One published story, for anyone, with names taken out. A draft (or a missing id) is a 404.</summary>
[AllowAnonymous]
public sealed class StoryModel(PublicLibraryQueries library, MarkdownRenderer markdown) : PageModel
{
    public PublicStory Story { get; private set; } = null!;

    /// <summary>The three sections, anonymised first and then rendered from Markdown through the sanitiser.</summary>
    public IReadOnlyList<(string Heading, string Html)> Sections { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid storyId, CancellationToken ct)
    {
        if (await library.FindStoryAsync(storyId, ct) is not { } story)
        {
            return NotFound();
        }

        Story = story;
        Sections = [("Background", markdown.ToHtml(story.Background)), ("What was done", markdown.ToHtml(story.WhatWasDone)),
            ("What was learned", markdown.ToHtml(story.WhatWasLearned))];
        return Page();
    }
}
