using Concord.Web.Features.Accounts;
using Concord.Web.Features.Audit;
using Concord.Web.Features.Shared;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Http;
using Concord.Web.Infrastructure.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Partnerships.Pages;

/// <summary>
/// Coordinators manage the partnership's people here: change a role, remove someone, see invitations waiting for an
/// answer, and go on to add people. A page at a time, so a large partnership stays one screen of rows.
/// </summary>
[Requires(PartnershipOperation.Manage)]
public sealed class PeopleModel(PartnershipScope scope, PartnershipQueries queries, PartnershipCommands commands, InvitationIssuer invitations, Auditor auditor) : PageModel
{
    public sealed record InvitationRow(string Email, PartnershipRole? Role, DateTimeOffset ExpiresAt);

    public Partnership Partnership => scope.Partnership;
    public PagedList<MemberRow> People { get; private set; } = new([], 1, PageRequest.DefaultSize, 0);
    public Pager Pager => Pager.For(People, Request, "person", "Pages of people");
    public IReadOnlyList<InvitationRow> Invitations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int? page, [FromQuery] int? pageSize, CancellationToken ct)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var request, out _))
        {
            return BadRequest();
        }

        await LoadAsync(request, ct);
        return Page();
    }

    /// <summary>A form post without a handler name matches nothing here.</summary>
    public IActionResult OnPost() => NotFound();

    public async Task<IActionResult> OnPostRoleAsync(Guid accountId, string? role, CancellationToken ct)
    {
        if (!PartnershipRules.TryParseName<PartnershipRole>(role, out var newRole))
        {
            return await FailedAsync(WriteFailure.Invalid("", "Choose a role"), ct);
        }

        var result = await commands.ChangeMemberRoleAsync(scope, accountId, newRole, ct);
        if (!result.Saved)
        {
            return await FailedAsync(result.Failure!, ct);
        }

        TempData["StatusMessage"] = $"You changed the person's role to {Display.Name(newRole).ToLowerInvariant()}.";
        return Redirect($"/partnerships/{scope.Id}/people");
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid accountId, CancellationToken ct)
    {
        var result = await commands.RemoveMemberAsync(scope, accountId, ct);
        if (!result.Saved)
        {
            return await FailedAsync(result.Failure!, ct);
        }

        TempData["StatusMessage"] = "You removed the person from the partnership.";
        return Redirect($"/partnerships/{scope.Id}/people");
    }

    private async Task<IActionResult> FailedAsync(WriteFailure failure, CancellationToken ct)
    {
        WriteResult<MemberRow> result = failure;
        if (result.Status == WriteStatus.Invalid)
        {
            PageRequest.TryCreate(null, null, out var first, out _);
            await LoadAsync(first, ct);
        }

        return this.Failed(result, "");
    }

    private async Task LoadAsync(PageRequest request, CancellationToken ct)
    {
        var members = queries.Members(scope);
        var total = await members.CountAsync(ct);
        People = request.Of(await members.Skip(request.Skip).Take(request.Size).ToListAsync(ct), total);
        Invitations = await invitations.Pending().Where(i => i.PartnershipId == scope.Id).OrderBy(i => i.Email).Take(200)
            .Select(i => new InvitationRow(i.Email, i.PartnershipRole, i.ExpiresAt))
            .ToListAsync(ct);
        await auditor.RecordReadAsync("Partnership people with e-mail addresses", nameof(Partnership), scope.Id, partnershipId: scope.Id, ct: ct);
    }
}
