using Concord.Web.Features.Accounts;
using Concord.Web.Features.Organisations;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Email;
using Concord.Web.Infrastructure.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Partnerships.Pages;

/// <summary>
/// A coordinator adds someone who already belongs to a partner organisation, or invites anyone by e-mail
/// (representing a partner organisation, or none, such as an outside steering group member or the funder).
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Concord.Web.Infrastructure.Auth.AuthSetup.InvitationRateLimit)]
[Requires(PartnershipOperation.Manage)]
public sealed class AddPeopleModel(ConcordDb db, PartnershipScope scope, PartnershipCommands commands, InvitationIssuer invitations, EmailStatus mail) : PageModel
{
    public sealed class ExistingInput
    {
        /// <summary>"accountId|organisationId": the person and the partner organisation they will represent.</summary>
        public string? Person { get; set; }
        public PartnershipRole Role { get; set; } = PartnershipRole.Staff;
    }

    public sealed class InviteInput
    {
        public string? Email { get; set; }
        public PartnershipRole Role { get; set; } = PartnershipRole.Staff;
        public Guid? OrganisationId { get; set; }
    }

    [BindProperty]
    public ExistingInput Existing { get; set; } = new();

    [BindProperty]
    public InviteInput Invite { get; set; } = new();

    public Partnership Partnership => scope.Partnership;
    public IReadOnlyList<SelectListItem> People { get; private set; } = [];
    public IReadOnlyList<SelectListItem> PartnerOrganisations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>A form post without a handler name matches nothing here: 404, the same for members and everyone else.</summary>
    public IActionResult OnPost() => NotFound();

    public async Task<IActionResult> OnPostExistingAsync(CancellationToken ct)
    {
        await LoadAsync(ct);

        var parts = (Existing.Person ?? "").Split('|');
        if (parts.Length != 2 || !Guid.TryParse(parts[0], out var accountId) || !Guid.TryParse(parts[1], out var organisationId))
        {
            ModelState.AddModelError("Existing.Person", "Choose a person");
            return Page();
        }

        var result = await commands.AddMemberAsync(scope, accountId, Existing.Role, organisationId, ct);
        if (!result.Saved)
        {
            if (result.Status != WriteStatus.Invalid)
            {
                return this.Failed(result);
            }

            // The person and the organisation they represent are one choice on this form.
            ModelState.AddModelError(result.Errors.ContainsKey("Role") ? "Existing.Role" : "Existing.Person", result.Errors.Values.First());
            return Page();
        }

        TempData["StatusMessage"] = $"You added the person to the partnership as {Shared.Display.Name(Existing.Role).ToLowerInvariant()}.";
        return Redirect($"/partnerships/{scope.Id}/people");
    }

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var id = scope.Id;

        var email = OrganisationRules.Tidy(Invite.Email);
        if (email is null)
        {
            ModelState.AddModelError("Invite.Email", "Enter the e-mail address of the person you want to invite");
        }
        else if (!OrganisationRules.IsEmail(email))
        {
            ModelState.AddModelError("Invite.Email", "Enter an e-mail address in the right format, like name@example.org");
        }
        else if (await invitations.PartnershipProblemAsync(id, email, ct) is { } problem)
        {
            ModelState.AddModelError("Invite.Email", problem);
        }

        Organisation? representing = null;
        if (Invite.OrganisationId is { } organisationId)
        {
            representing = await db.Set<Partner>().Where(p => p.PartnershipId == id && p.OrganisationId == organisationId && p.LeftOn == null)
                .Select(p => p.Organisation).FirstOrDefaultAsync(ct);
            if (representing is null)
            {
                ModelState.AddModelError("Invite.OrganisationId", "Choose one of the partner organisations, or none");
            }
        }

        if (ModelState.ErrorCount > 0)
        {
            return Page();
        }

        var issued = invitations.InviteToPartnership(Partnership, email!, Invite.Role, representing);
        await db.SaveChangesAsync(ct);
        // The people page says whether the e-mail is on its way and shows the link once, to send by hand if it is not.
        InvitationNotice.For(issued, await mail.GetAsync(ct)).Keep(TempData);
        return Redirect($"/partnerships/{scope.Id}/people");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var candidates = await commands.PeopleInPartnerOrganisations(scope)
            .OrderBy(m => m.Account!.DisplayName).ThenBy(m => m.Organisation!.Name)
            .Take(2000)
            .Select(m => new { m.AccountId, m.OrganisationId, m.Account!.DisplayName, m.Account.Email, Organisation = m.Organisation!.Name })
            .ToListAsync(ct);
        People = candidates
            .Select(c => new SelectListItem($"{(c.DisplayName.Length > 0 ? c.DisplayName : c.Email)} – {c.Organisation}", $"{c.AccountId}|{c.OrganisationId}"))
            .ToList();
        PartnerOrganisations = await db.Set<Partner>().Where(p => p.PartnershipId == scope.Id && p.LeftOn == null)
            .OrderBy(p => p.Organisation!.Name)
            .Select(p => new SelectListItem(p.Organisation!.Name, p.OrganisationId.ToString()))
            .ToListAsync(ct);
    }
}
