using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Writes;
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

        var result = await commands.CreateArticleAsync(Input.Fields(), ct);
        if (!result.Saved)
        {
            return this.Failed(result);
        }

        TempData["StatusMessage"] = "You added the article.";
        return Redirect($"/guidance/{result.Value!.Slug}");
    }
}
