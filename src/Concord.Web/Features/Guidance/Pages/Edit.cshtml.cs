using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Guidance.Pages;

/// <summary>The learning team changes an article; a stale save shows both versions (nothing is written).</summary>
public sealed class EditModel(ConcordDb db, CurrentUser user, GuidanceCommands commands) : PageModel
{
    [BindProperty]
    public ArticleInput Input { get; set; } = new();

    public string Slug { get; private set; } = "";
    public string Title { get; private set; } = "";
    public GuidanceArticle? Saved { get; private set; }
    public int StartedFromVersion { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (await db.Set<GuidanceArticle>().FirstOrDefaultAsync(a => a.Slug == slug, ct) is not { } article)
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
        if (await db.Set<GuidanceArticle>().FirstOrDefaultAsync(a => a.Slug == slug, ct) is not { } article)
        {
            return NotFound();
        }

        if (!user.IsLearningTeam)
        {
            return Forbid();
        }

        (Slug, Title) = (article.Slug, article.Title);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var (saved, outcome) = await commands.SaveArticleAsync(article, Input.Fields(), Input.Version, ct);
            if (saved is null)
            {
                foreach (var (field, message) in outcome.Errors)
                {
                    ModelState.AddModelError("Input." + field, message);
                }

                return Page();
            }

            TempData["StatusMessage"] = "You saved the article.";
            return Redirect($"/guidance/{saved.Slug}");
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            Saved = await db.Set<GuidanceArticle>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == article.Id, ct);
            if (Saved is null)
            {
                return NotFound();
            }

            StartedFromVersion = Input.Version;
            ModelState.Remove("Input.Version");
            Input.Version = Saved.Version;
            Response.StatusCode = StatusCodes.Status409Conflict;
            ModelState.AddModelError("", "Someone else changed this article while you were editing it. Your changes have not been saved. Compare the two versions below, then save again to replace theirs with yours, or cancel to keep theirs");
            return Page();
        }
    }
}
