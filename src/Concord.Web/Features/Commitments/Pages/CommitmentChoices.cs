using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Commitments.Pages;

/// <summary>The partners and people a commitment's owner can be chosen from.</summary>
public sealed record CommitmentChoices(IReadOnlyList<SelectListItem> Partners, IReadOnlyList<SelectListItem> People)
{
    public static async Task<CommitmentChoices> LoadAsync(ConcordDb db, Guid partnershipId, CancellationToken ct)
    {
        var partners = await db.Set<Partner>().Where(p => p.PartnershipId == partnershipId && p.LeftOn == null)
            .OrderBy(p => p.Organisation!.Name).Select(p => new SelectListItem(p.Organisation!.Name, p.Id.ToString())).ToListAsync(ct);
        var people = await db.Set<PartnershipMembership>()
            .Where(m => m.PartnershipId == partnershipId && m.OrganisationId != null)
            .OrderBy(m => m.Account!.DisplayName)
            .Select(m => new SelectListItem(m.Account!.DisplayName + " (" + m.Organisation!.Name + ")", m.AccountId.ToString()))
            .ToListAsync(ct);
        return new CommitmentChoices(partners, people);
    }
}
