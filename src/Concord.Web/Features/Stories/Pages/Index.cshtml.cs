using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Stories.Pages;

/// <summary>Published stories for everyone signed in; the learning team selects stories for the reports.</summary>
public sealed class IndexModel(CurrentUser user, StoryCommands commands) : PageModel
{
    public sealed record Row(Guid Id, string Title, string Summary, string Partnership, DateTimeOffset PublishedAt, bool Selected);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public bool CanSelect => user.IsLearningTeam;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var stories = await commands.Published().Include(s => s.Partnership).AsNoTracking()
            .OrderByDescending(s => s.PublishedAt).Take(200).ToListAsync(ct);
        Rows = stories.Select(s => new Row(s.Id, s.Title, s.ShortSummary, s.Partnership!.Name, s.PublishedAt!.Value, s.SelectedForReports)).ToList();
    }

    public IActionResult OnPost() => NotFound();

    public async Task<IActionResult> OnPostSelectAsync(Guid storyId, bool selected, CancellationToken ct)
    {
        var result = await commands.SelectAsync(storyId, selected, ct);
        if (!result.Saved)
        {
            return this.Failed(result, prefix: "");
        }

        var title = result.Value!.Title;
        TempData["StatusMessage"] = selected ? $"\"{title}\" will appear in the practitioners' report." : $"\"{title}\" is left out of the reports.";
        return Redirect("/stories");
    }
}
