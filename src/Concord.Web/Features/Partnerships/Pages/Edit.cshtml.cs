using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.Partnerships.Pages;

[Requires(PartnershipOperation.Manage)]
public sealed class EditModel(PartnershipScope scope, PartnershipCommands commands) : PageModel
{
    [BindProperty]
    public PartnershipInput Input { get; set; } = new();

    public Partnership Partnership { get; private set; } = scope.Partnership;

    /// <summary>Set when someone else saved first: what is saved now, shown beside what the person typed.</summary>
    public Partnership? Saved { get; private set; }
    public int StartedFromVersion { get; private set; }

    public IActionResult OnGet()
    {
        var p = scope.Partnership;
        Input = new PartnershipInput
        {
            Name = p.Name,
            Purpose = p.Purpose,
            Beneficiaries = p.Beneficiaries,
            Area = p.Area,
            StartDate = p.StartDate,
            EndDate = p.EndDate,
            Funder = p.Funder,
            Status = p.Status,
            Version = p.Version,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await commands.UpdateAsync(scope, Input.Fields(), Input.Status, Input.Version, ct);
        if (result.Saved)
        {
            TempData["StatusMessage"] = "You saved the partnership's details.";
            return Redirect($"/partnerships/{scope.Id}");
        }

        if (result.Status == WriteStatus.Stale)
        {
            // Nothing of this edit was written: show both versions and let the person decide.
            Saved = result.Current;
            StartedFromVersion = Input.Version;
            Partnership = Saved!;
            ModelState.Remove("Input.Version");
            Input.Version = Saved!.Version;
        }

        return this.Failed(result);
    }
}
