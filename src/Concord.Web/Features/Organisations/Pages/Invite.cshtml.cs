using Concord.Web.Features.Accounts;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Email;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.Organisations.Pages;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Concord.Web.Infrastructure.Auth.AuthSetup.InvitationRateLimit)]
[Requires(OrganisationOperation.Manage)]
public sealed class InviteModel(ConcordDb db, OrganisationScope scope, InvitationIssuer invitations, EmailStatus mail) : PageModel
{
    public sealed class InviteInput
    {
        public string? Email { get; set; }
        public OrganisationRole Role { get; set; } = OrganisationRole.Staff;
    }

    [BindProperty]
    public InviteInput Input { get; set; } = new();

    public Organisation Organisation => scope.Organisation;

    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var id = scope.Id;
        var email = OrganisationRules.Tidy(Input.Email);
        if (email is null)
        {
            ModelState.AddModelError("Input.Email", "Enter the e-mail address of the person you want to invite");
        }
        else if (!OrganisationRules.IsEmail(email))
        {
            ModelState.AddModelError("Input.Email", "Enter an e-mail address in the right format, like name@example.org");
        }
        else if (await invitations.OrganisationProblemAsync(id, email, ct) is { } problem)
        {
            ModelState.AddModelError("Input.Email", problem);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var issued = invitations.InviteToOrganisation(scope.Organisation, email!, Input.Role);
        await db.SaveChangesAsync(ct);
        InvitationNotice.For(issued, await mail.GetAsync(ct)).Keep(TempData);
        // To the top of the page, where the notice with the invitation link is.
        return Redirect($"/organisations/{id}");
    }
}
