using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.Organisations.Pages;

[Requires(OrganisationOperation.Manage)]
public sealed class EditModel(OrganisationScope scope, OrganisationCommands commands) : PageModel
{
    [BindProperty]
    public OrganisationInput Input { get; set; } = new();

    public Organisation Organisation { get; private set; } = scope.Organisation;

    /// <summary>Set when someone else saved first: what is saved now, shown beside what the person typed.</summary>
    public Organisation? Saved { get; private set; }
    public int StartedFromVersion { get; private set; }

    public IActionResult OnGet()
    {
        var o = scope.Organisation;
        Input = new OrganisationInput
        {
            Name = o.Name,
            Type = o.Type,
            CharityNumber = o.CharityNumber,
            CompanyNumber = o.CompanyNumber,
            IncomeBand = o.IncomeBand,
            Address = o.Address,
            Website = o.Website,
            Version = o.Version,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await commands.UpdateAsync(scope, Input.Fields(), Input.Version, ct);
        if (result.Saved)
        {
            TempData["StatusMessage"] = "You saved the organisation's details.";
            return Redirect($"/organisations/{scope.Id}");
        }

        if (result.Status == WriteStatus.Stale)
        {
            // Nothing of this edit was written: show both versions and let the person decide.
            Saved = result.Current;
            StartedFromVersion = Input.Version;
            Organisation = Saved!;
            ModelState.Remove("Input.Version");
            Input.Version = Saved!.Version;
        }

        return this.Failed(result);
    }
}
