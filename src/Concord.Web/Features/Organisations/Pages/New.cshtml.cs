using System.ComponentModel.DataAnnotations;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.Organisations.Pages;

/// <summary>The fields of an organisation's record, shared by the add and edit pages.</summary>
public class OrganisationInput
{
    public string? Name { get; set; }
    public OrganisationType Type { get; set; }
    [Display(Name = "Charity number")]
    public string? CharityNumber { get; set; }
    [Display(Name = "Company number")]
    public string? CompanyNumber { get; set; }
    public IncomeBand IncomeBand { get; set; }
    public string? Address { get; set; }
    public string? Website { get; set; }
    public string? FirstAdminEmail { get; set; }
    public int Version { get; set; }

    public OrganisationFields Fields() => new(Name, Type, CharityNumber, CompanyNumber, IncomeBand, Address, Website);
}

public sealed class NewModel(CurrentUser user, OrganisationCommands commands) : PageModel
{
    [BindProperty]
    public OrganisationInput Input { get; set; } = new();

    public IActionResult OnGet() => user.IsNetworkAdmin ? Page() : Forbid();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!user.IsNetworkAdmin)
        {
            return Forbid();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await commands.CreateAsync(Input.Fields(), Input.FirstAdminEmail, ct);
        if (!result.Saved)
        {
            return this.Failed(result);
        }

        var organisation = result.Value!;
        var adminEmail = OrganisationRules.Tidy(Input.FirstAdminEmail);
        TempData["StatusMessage"] = adminEmail is null
            ? $"You added {organisation.Name}."
            : $"You added {organisation.Name} and queued an invitation e-mail to {adminEmail} to be its admin.";
        return Redirect($"/organisations/{organisation.Id}");
    }
}
