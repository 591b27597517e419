using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;

namespace Concord.Web.Features.Organisations;

/// <summary>Queries of the caller's organisations. One organisation's scope comes from <see cref="Infrastructure.Access.OrganisationScope"/>.</summary>
public sealed class OrganisationAccess(ConcordDb db, CurrentUser user)
{
    public IQueryable<Organisation> MyOrganisations() =>
        db.Set<Organisation>().Where(o => db.Set<OrganisationMembership>().Any(m => m.OrganisationId == o.Id && m.AccountId == user.Id));

    public IQueryable<Guid> MyAdminOrganisationIds() =>
        db.Set<OrganisationMembership>().Where(m => m.AccountId == user.Id && m.Role == OrganisationRole.Admin).Select(m => m.OrganisationId);
}
