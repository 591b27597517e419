using Concord.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.Guidance.Pages;

public sealed class NewModel(CurrentUser user, GuidanceCommands commands) : PageModel
{
    [BindProperty]
    public ArticleInput Input { get; set; } = new() { Stage = nameof(Partnerships.PartnershipStage.Deciding), SortOrder = 50 };

    public IActionResult OnGet() => user.IsLearningTeam ? Page() : Forbid();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!user.IsLearningTeam)
        {
            return Forbid();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var (article, outcome) = await commands.SaveArticleAsync(null, Input.Fields(), null, ct);
        if (article is null)
        {
            foreach (var (field, message) in outcome.Errors)
            {
                ModelState.AddModelError("Input." + field, message);
            }

            return Page();
        }

        TempData["StatusMessage"] = "You added the article.";
        return Redirect($"/guidance/{article.Slug}");
    }
}
