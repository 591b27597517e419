using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Partnerships;

/// <summary>The caller's place in one partnership, found only when they are a member.</summary>
public sealed record PartnershipContext(Partnership Partnership, PartnershipRole Role)
{
    public bool IsCoordinator => Role == PartnershipRole.Coordinator;

    /// <summary>Coordinators run the partnership: its details, partners and people.</summary>
    public bool CanManage => Role == PartnershipRole.Coordinator;

    /// <summary>Observers (such as the funder) read; everyone else in the partnership may contribute.</summary>
    public bool CanContribute => Role != PartnershipRole.Observer;
}

/// <summary>
/// Tenant checks live in the query: a partnership is found only through the caller's membership,
/// so a partnership the caller does not belong to is simply "not found" (404), with no hint it exists.
/// </summary>
public sealed class PartnershipAccess(ConcordDb db, CurrentUser user)
{
    public IQueryable<Guid> MyPartnershipIds() =>
        db.Set<PartnershipMembership>().Where(m => m.AccountId == user.Id).Select(m => m.PartnershipId);

    public IQueryable<Partnership> MyPartnerships() =>
        db.Set<Partnership>().Where(p => db.Set<PartnershipMembership>().Any(m => m.PartnershipId == p.Id && m.AccountId == user.Id));

    public async Task<PartnershipContext?> FindAsync(Guid partnershipId, CancellationToken ct = default)
    {
        if (!user.IsAuthenticated)
        {
            return null;
        }

        var found = await db.Set<PartnershipMembership>()
            .Where(m => m.PartnershipId == partnershipId && m.AccountId == user.Id)
            .Select(m => new { m.Partnership, m.Role })
            .FirstOrDefaultAsync(ct);
        return found?.Partnership is null ? null : new PartnershipContext(found.Partnership, found.Role);
    }
}
