using Concord.Web.Infrastructure.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Stories.Pages;

/// <summary>A published story, for everyone in the network. A draft is not found here (404), even by its own partnership.</summary>
public sealed class PublishedModel(StoryCommands commands, MarkdownRenderer markdown) : PageModel
{
    public string Title { get; private set; } = "";
    public string Partnership { get; private set; } = "";
    public DateTimeOffset PublishedAt { get; private set; }
    public StorySections Sections { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid storyId, CancellationToken ct)
    {
        if (await commands.Published().Include(s => s.Partnership).AsNoTracking().FirstOrDefaultAsync(s => s.Id == storyId, ct) is not { } story)
        {
            return NotFound();
        }

        (Title, Partnership, PublishedAt, Sections) = (story.Title, story.Partnership!.Name, story.PublishedAt!.Value, StorySections.From(story, markdown));
        return Page();
    }
}
