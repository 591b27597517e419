using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Guidance.Pages;

/// <summary>The learning team changes an article; a stale save answers 409 with both versions (nothing is written).</summary>
public sealed class EditModel(ConcordDb db, CurrentUser user, GuidanceCommands commands) : PageModel
{
    [BindProperty]
    public ArticleInput Input { get; set; } = new();

    public string Slug { get; private set; } = "";
    public string Title { get; private set; } = "";

    /// <summary>Set when someone else saved first: what is saved now, shown beside what the person typed.</summary>
    public GuidanceArticle? Saved { get; private set; }
    public int StartedFromVersion { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (await db.Set<GuidanceArticle>().AsNoTracking().FirstOrDefaultAsync(a => a.Slug == slug, ct) is not { } article)
        {
            return NotFound();
        }

        if (!user.IsLearningTeam)
        {
            return Forbid();
        }

        (Slug, Title) = (article.Slug, article.Title);
        Input = ArticleInput.From(article);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        if (await db.Set<GuidanceArticle>().AsNoTracking().Where(a => a.Slug == slug).Select(a => a.Title).FirstOrDefaultAsync(ct) is not { } title)
        {
            return NotFound();
        }

        if (!user.IsLearningTeam)
        {
            return Forbid();
        }

        (Slug, Title) = (slug, title);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await commands.UpdateArticleAsync(slug, Input.Fields(), Input.Version, ct);
        if (result.Saved)
        {
            TempData["StatusMessage"] = "You saved the article.";
            return Redirect($"/guidance/{result.Value!.Slug}");
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
