using Concord.Web.Features.Accounts;
using Concord.Web.Features.Audit;
using Concord.Web.Features.Organisations;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Partnerships.Pages;

public sealed class DetailsModel(ConcordDb db, PartnershipAccess access, PartnershipCommands commands, InvitationIssuer invitations, Auditor auditor) : PageModel
{
    public sealed record PartnerRow(Guid Id, string Organisation, OrganisationType Type, PartnerRole Role, DateOnly JoinedOn, DateOnly? LeftOn, string? LeadContact);

    public sealed record PersonRow(Guid AccountId, string Name, string? Email, PartnershipRole Role, string? Organisation);

    public sealed record InvitationRow(string Email, PartnershipRole? Role, DateTimeOffset ExpiresAt);

    public PartnershipContext Context { get; private set; } = null!;
    public Partnership Partnership => Context.Partnership;
    public string? LeadOrganisation { get; private set; }
    public IReadOnlyList<PartnerRow> Partners { get; private set; } = [];
    public IReadOnlyList<PersonRow> People { get; private set; } = [];
    public IReadOnlyList<InvitationRow> Invitations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>A form post without a handler name matches nothing here: 404, the same for members and everyone else.</summary>
    [Requires(PartnershipOperation.View)]
    public IActionResult OnPost() => NotFound();

    [Requires(PartnershipOperation.Manage)]
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

        if (!PartnershipRules.TryParseName<PartnershipRole>(role, out var newRole))
        {
            ModelState.AddModelError("", "Choose a role");
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }

        var outcome = await commands.ChangeMemberRoleAsync(id, accountId, newRole, ct);
        if (!outcome.Succeeded)
        {
            ModelState.AddModelError("", outcome.Errors.Values.FirstOrDefault() ?? outcome.Conflict ?? "");
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }

        TempData["StatusMessage"] = $"You changed the person's role to {Shared.Display.Name(newRole).ToLowerInvariant()}.";
        return Redirect($"/partnerships/{id}#people");
    }

    [Requires(PartnershipOperation.Manage)]
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

        var outcome = await commands.RemoveMemberAsync(id, accountId, ct);
        if (!outcome.Succeeded)
        {
            ModelState.AddModelError("", outcome.Errors.Values.FirstOrDefault() ?? outcome.Conflict ?? "");
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }

        TempData["StatusMessage"] = "You removed the person from the partnership.";
        return Redirect($"/partnerships/{id}#people");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return false;
        }

        Context = found;
        LeadOrganisation = await db.Set<Organisation>().Where(o => o.Id == found.Partnership.LeadOrganisationId).Select(o => o.Name).FirstOrDefaultAsync(ct);
        Partners = await db.Set<Partner>().Where(p => p.PartnershipId == id)
            .OrderBy(p => p.LeftOn != null).ThenBy(p => p.Organisation!.Name)
            .Select(p => new PartnerRow(p.Id, p.Organisation!.Name, p.Organisation.Type, p.Role, p.JoinedOn, p.LeftOn,
                p.LeadContact == null ? null : p.LeadContact.DisplayName))
            .ToListAsync(ct);
        People = await db.Set<PartnershipMembership>().Where(m => m.PartnershipId == id)
            .OrderBy(m => m.Account!.DisplayName).ThenBy(m => m.Account!.Email)
            .Select(m => new PersonRow(m.AccountId, m.Account!.DisplayName, m.Account.Email, m.Role, m.Organisation == null ? null : m.Organisation.Name))
            .ToListAsync(ct);
        if (found.CanManage)
        {
            Invitations = await invitations.Pending().Where(i => i.PartnershipId == id).OrderBy(i => i.Email)
                .Select(i => new InvitationRow(i.Email, i.PartnershipRole, i.ExpiresAt))
                .ToListAsync(ct);
        }

        await auditor.RecordReadAsync("Partnership people", nameof(Partnership), id, partnershipId: id, ct: ct);
        return true;
    }
}
