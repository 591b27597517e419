using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.Commitments.Pages;

public sealed class NewModel(ConcordDb db, PartnershipAccess access, CommitmentCommands commands) : PageModel
{
    [BindProperty]
    public CommitmentFields Input { get; set; } = new();

    public Partnership Partnership { get; private set; } = null!;
    public CommitmentChoices Choices { get; private set; } = null!;

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return NotFound();
        }

        if (!found.CanContribute)
        {
            return Forbid();
        }

        Partnership = found.Partnership;
        Choices = await CommitmentChoices.LoadAsync(db, id, ct);
        return null;
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var (commitment, errors) = await commands.CreateAsync(id, Input, ct);
        if (commitment is null)
        {
            foreach (var (field, message) in errors)
            {
                ModelState.AddModelError("Input." + field, message);
            }

            return Page();
        }

        TempData["StatusMessage"] = "You added the commitment.";
        return Redirect($"/partnerships/{id}/commitments/{commitment.Id}");
    }
}
