using Concord.Web.Features.Accounts;
using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Home.Pages;

/// <summary>"My partnerships" and "my organisations" at a glance. Before set-up, it says how to set up.</summary>
[AllowAnonymous]
public sealed class IndexModel(ConcordDb db, CurrentUser user) : PageModel
{
    public sealed record PartnershipCard(Guid Id, string Name, PartnershipStatus Status, PartnershipRole Role);

    public sealed record OrganisationCard(Guid Id, string Name, OrganisationType Type, OrganisationRole Role);

    public bool IsSetUp { get; private set; }
    public string? NetworkName { get; private set; }
    public string DisplayName => user.DisplayName;
    public IReadOnlyList<PartnershipCard> Partnerships { get; private set; } = [];
    public IReadOnlyList<OrganisationCard> Organisations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        IsSetUp = await FirstStart.IsSetUpAsync(db, ct);
        if (!IsSetUp)
        {
            return Page();
        }

        if (!user.IsAuthenticated)
        {
            return Challenge();
        }

        NetworkName = await db.Set<Network.Network>().OrderBy(n => n.CreatedAt).Select(n => n.Name).FirstOrDefaultAsync(ct);
        Partnerships = await db.Set<PartnershipMembership>()
            .Where(m => m.AccountId == user.Id)
            .OrderBy(m => m.Partnership!.Name)
            .Select(m => new PartnershipCard(m.PartnershipId, m.Partnership!.Name, m.Partnership.Status, m.Role))
            .ToListAsync(ct);
        Organisations = await db.Set<OrganisationMembership>()
            .Where(m => m.AccountId == user.Id)
            .OrderBy(m => m.Organisation!.Name)
            .Select(m => new OrganisationCard(m.OrganisationId, m.Organisation!.Name, m.Organisation.Type, m.Role))
            .ToListAsync(ct);
        return Page();
    }
}
