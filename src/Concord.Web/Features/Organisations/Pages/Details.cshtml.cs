using Concord.Web.Features.Accounts;
using Concord.Web.Features.Audit;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Organisations.Pages;

public sealed class DetailsModel(ConcordDb db, OrganisationScope scope, OrganisationCommands commands, InvitationIssuer invitations, Auditor auditor) : PageModel
{
    public sealed record Person(Guid AccountId, string Name, string? Email, OrganisationRole Role);

    public sealed record PendingInvitation(Guid Id, string Email, OrganisationRole? Role, DateTimeOffset ExpiresAt);

    public OrganisationScope Scope => scope;
    public Organisation Organisation => scope.Organisation;
    public bool CanManage => scope.Can(OrganisationOperation.Manage);
    public IReadOnlyList<Person> People { get; private set; } = [];
    public IReadOnlyList<PendingInvitation> Invitations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>A form post without a handler name matches nothing here: 404, the same for members and everyone else.</summary>
    [Requires(OrganisationOperation.View)]
    public IActionResult OnPost() => NotFound();

    [Requires(OrganisationOperation.Manage)]
    public async Task<IActionResult> OnPostRoleAsync(Guid accountId, string? role, CancellationToken ct)
    {
        if (!PartnershipRules.TryParseName<OrganisationRole>(role, out var newRole))
        {
            return await FailedAsync(WriteFailure.Invalid("", "Choose a role"), ct);
        }

        var result = await commands.ChangeRoleAsync(scope, accountId, newRole, ct);
        if (!result.Saved)
        {
            return await FailedAsync(result.Failure!, ct);
        }

        TempData["StatusMessage"] = "You changed the person's role.";
        return Redirect($"/organisations/{scope.Id}#people");
    }

    [Requires(OrganisationOperation.Manage)]
    public async Task<IActionResult> OnPostRemoveAsync(Guid accountId, CancellationToken ct)
    {
        var result = await commands.RemoveAsync(scope, accountId, ct);
        if (!result.Saved)
        {
            return await FailedAsync(result.Failure!, ct);
        }

        TempData["StatusMessage"] = "You removed the person from the organisation.";
        return Redirect($"/organisations/{scope.Id}#people");
    }

    [Requires(OrganisationOperation.Manage)]
    public async Task<IActionResult> OnPostRevokeAsync(Guid invitationId, CancellationToken ct)
    {
        var result = await commands.RevokeInvitationAsync(scope, invitationId, ct);
        if (!result.Saved)
        {
            return await FailedAsync(result.Failure!, ct);
        }

        TempData["StatusMessage"] = result.Value
            ? "You revoked the invitation. Its link no longer works."
            : "That invitation had already been accepted or revoked.";
        return Redirect($"/organisations/{scope.Id}#invitations");
    }

    private async Task<IActionResult> FailedAsync(WriteFailure failure, CancellationToken ct)
    {
        WriteResult<Person> result = failure;
        if (result.Status == WriteStatus.Invalid)
        {
            await LoadAsync(ct);
        }

        return this.Failed(result, "");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        People = await db.Set<OrganisationMembership>().Where(m => m.OrganisationId == scope.Id)
            .OrderBy(m => m.Account!.DisplayName).ThenBy(m => m.Account!.Email)
            .Select(m => new Person(m.AccountId, m.Account!.DisplayName, m.Account.Email, m.Role))
            .ToListAsync(ct);
        Invitations = await invitations.Pending().Where(i => i.OrganisationId == scope.Id && i.PartnershipId == null)
            .OrderBy(i => i.Email)
            .Select(i => new PendingInvitation(i.Id, i.Email, i.OrganisationRole, i.ExpiresAt))
            .ToListAsync(ct);
        await auditor.RecordReadAsync("Organisation people and invitations with e-mail addresses", nameof(Organisation), scope.Id, organisationId: scope.Id, ct: ct);
    }
}
