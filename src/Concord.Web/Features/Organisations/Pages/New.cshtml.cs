using System.ComponentModel.DataAnnotations;
using Concord.Web.Features.Accounts;
using Concord.Web.Features.Audit;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
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

    public (OrganisationRules.Fields Tidy, Dictionary<string, string> Errors) Check() =>
        OrganisationRules.Check(new(Name, CharityNumber, CompanyNumber, Website, Address));
}

public sealed class NewModel(ConcordDb db, CurrentUser user, Auditor auditor, InvitationIssuer invitations, TimeProvider clock) : PageModel
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

        var (tidy, errors) = Input.Check();
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError("Input." + field, message);
        }

        var adminEmail = OrganisationRules.Tidy(Input.FirstAdminEmail);
        if (adminEmail is not null && !OrganisationRules.IsEmail(adminEmail))
        {
            ModelState.AddModelError("Input.FirstAdminEmail", "Enter an e-mail address in the right format, like name@example.org");
        }

        if (tidy.Name is not null && !errors.ContainsKey("Name") && await OrganisationsApi.NameTakenAsync(db, tidy.Name, null, ct))
        {
            ModelState.AddModelError("Input.Name", "An organisation with this name is already in the network");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var organisation = new Organisation
        {
            Name = tidy.Name!,
            Type = Input.Type,
            CharityNumber = tidy.CharityNumber,
            CompanyNumber = tidy.CompanyNumber,
            IncomeBand = Input.IncomeBand,
            Address = tidy.Address,
            Website = tidy.Website,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Add(organisation);
        auditor.Record(AuditActions.OrganisationCreated, nameof(Organisation), organisation.Id, organisationId: organisation.Id, details: organisation.Name);
        if (adminEmail is not null)
        {
            invitations.InviteToOrganisation(organisation, adminEmail, OrganisationRole.Admin);
        }

        await db.SaveChangesAsync(ct);
        TempData["StatusMessage"] = adminEmail is null
            ? $"You added {organisation.Name}."
            : $"You added {organisation.Name} and sent an invitation to {adminEmail} to be its admin.";
        return Redirect($"/organisations/{organisation.Id}");
    }
}
