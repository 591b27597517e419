using Concord.Web.Features.Accounts;
using Concord.Web.Features.Audit;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Organisations.Pages;

public sealed class DetailsModel(ConcordDb db, OrganisationAccess access, OrganisationCommands commands, InvitationIssuer invitations, Auditor auditor) : PageModel
{
    public sealed record Person(Guid AccountId, string Name, string? Email, OrganisationRole Role);

    public sealed record PendingInvitation(Guid Id, string Email, OrganisationRole? Role, DateTimeOffset ExpiresAt);

    public OrganisationContext Context { get; private set; } = null!;
    public Organisation Organisation => Context.Organisation;
    public IReadOnlyList<Person> People { get; private set; } = [];
    public IReadOnlyList<PendingInvitation> Invitations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>A form post without a handler name matches nothing here: 404, the same for members and everyone else.</summary>
    [Requires(OrganisationOperation.View)]
    public IActionResult OnPost() => NotFound();

    [Requires(OrganisationOperation.Manage)]
    public async Task<IActionResult> OnPostRoleAsync(Guid id, Guid accountId, string? role, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return NotFound();
        }

        if (!found.CanManage)
        {
            return Forbid();
        }

        if (!PartnershipRules.TryParseName<OrganisationRole>(role, out var newRole))
        {
            ModelState.AddModelError("", "Choose a role");
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }

        var outcome = await commands.ChangeRoleAsync(id, accountId, newRole, ct);
        if (!outcome.Succeeded)
        {
            ModelState.AddModelError("", outcome.Conflict ?? outcome.Errors.Values.First());
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }

        TempData["StatusMessage"] = "You changed the person's role.";
        return Redirect($"/organisations/{id}#people");
    }

    [Requires(OrganisationOperation.Manage)]
    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid accountId, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return NotFound();
        }

        if (!found.CanManage)
        {
            return Forbid();
        }

        var outcome = await commands.RemoveAsync(id, accountId, ct);
        if (!outcome.Succeeded)
        {
            ModelState.AddModelError("", outcome.Conflict ?? outcome.Errors.Values.First());
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }

        TempData["StatusMessage"] = "You removed the person from the organisation.";
        return Redirect($"/organisations/{id}#people");
    }

    [Requires(OrganisationOperation.Manage)]
    public async Task<IActionResult> OnPostRevokeAsync(Guid id, Guid invitationId, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return NotFound();
        }

        if (!found.CanManage)
        {
            return Forbid();
        }

        TempData["StatusMessage"] = await commands.RevokeInvitationAsync(id, invitationId, ct)
            ? "You revoked the invitation. Its link no longer works."
            : "That invitation had already been accepted or revoked.";
        return Redirect($"/organisations/{id}#invitations");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return false;
        }

        Context = found;
        People = await db.Set<OrganisationMembership>().Where(m => m.OrganisationId == id)
            .OrderBy(m => m.Account!.DisplayName).ThenBy(m => m.Account!.Email)
            .Select(m => new Person(m.AccountId, m.Account!.DisplayName, m.Account.Email, m.Role))
            .ToListAsync(ct);
        Invitations = await invitations.Pending().Where(i => i.OrganisationId == id && i.PartnershipId == null)
            .OrderBy(i => i.Email)
            .Select(i => new PendingInvitation(i.Id, i.Email, i.OrganisationRole, i.ExpiresAt))
            .ToListAsync(ct);
        await auditor.RecordReadAsync("Organisation people and invitations with e-mail addresses", nameof(Organisation), id, organisationId: id, ct: ct);
        return true;
    }
}
