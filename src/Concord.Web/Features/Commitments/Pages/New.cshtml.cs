using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.Commitments.Pages;

[Requires(PartnershipOperation.Contribute)]
public sealed class NewModel(ConcordDb db, PartnershipScope scope, CommitmentCommands commands) : PageModel
{
    [BindProperty]
    public CommitmentFields Input { get; set; } = new();

    public Partnership Partnership => scope.Partnership;
    public CommitmentChoices Choices { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Choices = await CommitmentChoices.LoadAsync(db, scope.Id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Choices = await CommitmentChoices.LoadAsync(db, scope.Id, ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await commands.CreateAsync(scope, Input, ct);
        if (!result.Saved)
        {
            return this.Failed(result);
        }

        TempData["StatusMessage"] = "You added the commitment.";
        return Redirect($"/partnerships/{scope.Id}/commitments/{result.Value!.Id}");
    }
}
