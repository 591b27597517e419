using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Organisations;

/// <summary>The caller's place in one organisation. Network admins manage every organisation's record and people.</summary>
public sealed record OrganisationContext(Organisation Organisation, OrganisationRole? Role, bool AsNetworkAdmin)
{
    public bool CanManage => AsNetworkAdmin || Role == OrganisationRole.Admin;
}

public sealed class OrganisationAccess(ConcordDb db, CurrentUser user)
{
    public IQueryable<Organisation> MyOrganisations() =>
        db.Set<Organisation>().Where(o => db.Set<OrganisationMembership>().Any(m => m.OrganisationId == o.Id && m.AccountId == user.Id));

    public IQueryable<Guid> MyAdminOrganisationIds() =>
        db.Set<OrganisationMembership>().Where(m => m.AccountId == user.Id && m.Role == OrganisationRole.Admin).Select(m => m.OrganisationId);

    public async Task<OrganisationContext?> FindAsync(Guid organisationId, CancellationToken ct = default)
    {
        if (!user.IsAuthenticated)
        {
            return null;
        }

        var membership = await db.Set<OrganisationMembership>()
            .Where(m => m.OrganisationId == organisationId && m.AccountId == user.Id)
            .Select(m => new { m.Organisation, m.Role })
            .FirstOrDefaultAsync(ct);
        if (membership?.Organisation is not null)
        {
            return new OrganisationContext(membership.Organisation, membership.Role, user.IsNetworkAdmin);
        }

        if (user.IsNetworkAdmin)
        {
            var organisation = await db.Set<Organisation>().FirstOrDefaultAsync(o => o.Id == organisationId, ct);
            return organisation is null ? null : new OrganisationContext(organisation, null, true);
        }

        return null;
    }
}
