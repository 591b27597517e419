using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Infrastructure.Access;

/// <summary>
/// The caller's place in the partnership a request is about, found once per request through the caller's membership
/// (so a partnership they do not belong to is never found). Handlers, commands and view components receive it instead of
/// an id; every check of a role goes through <see cref="Can"/>.
/// </summary>
public sealed record PartnershipScope(Partnership Partnership, Guid AccountId, PartnershipRole Role, Guid? OrganisationId, bool ReadOnlyToken)
{
    public Guid Id => Partnership.Id;

    public bool Can(PartnershipOperation operation) =>
        (operation == PartnershipOperation.View || !ReadOnlyToken) && Permissions.Allows(Role, operation);

    /// <summary>True when the caller represents this organisation in the partnership.</summary>
    public bool Represents(Guid organisationId) => OrganisationId == organisationId;
}

/// <summary>The caller's place in the organisation a request is about (members; network admins see every organisation).</summary>
public sealed record OrganisationScope(Organisation Organisation, Guid AccountId, OrganisationRole? Role, bool AsNetworkAdmin, bool ReadOnlyToken)
{
    public Guid Id => Organisation.Id;

    public bool Can(OrganisationOperation operation) =>
        (operation == OrganisationOperation.View || !ReadOnlyToken) && Permissions.Allows(Role, AsNetworkAdmin, operation);
}

/// <summary>
/// Resolves the request's tenant once: the route's <c>id</c> under <c>/partnerships/{id}</c> or <c>/organisations/{id}</c>,
/// looked up through the signed-in caller's membership with one indexed query, then remembered for the request.
/// The authorisation handler calls this; everything after it receives the scope from dependency injection.
/// </summary>
public sealed class TenantScopes(ConcordDb db, IHttpContextAccessor http)
{
    public const string RouteKey = "id";

    private bool partnershipDone;
    private PartnershipScope? partnership;
    private bool organisationDone;
    private OrganisationScope? organisation;

    /// <summary>The resolved partnership scope; only on routes whose authorisation resolved it.</summary>
    public PartnershipScope Partnership => partnership ??
        throw new InvalidOperationException("This route has no partnership scope: map it with RequirePartnership(...) or put its page under /partnerships/{id}.");

    public OrganisationScope Organisation => organisation ??
        throw new InvalidOperationException("This route has no organisation scope: map it with RequireOrganisation(...) or put its page under /organisations/{id}.");

    public async ValueTask<PartnershipScope?> PartnershipAsync(CancellationToken ct = default)
    {
        if (partnershipDone)
        {
            return partnership;
        }

        partnershipDone = true;
        if (Caller() is not { } caller || RouteId() is not { } id)
        {
            return null;
        }

        var found = await db.Set<PartnershipMembership>().AsNoTracking()
            .Where(m => m.PartnershipId == id && m.AccountId == caller.Id)
            .Select(m => new { m.Partnership, m.Role, m.OrganisationId })
            .FirstOrDefaultAsync(ct);
        partnership = found?.Partnership is null ? null : new PartnershipScope(found.Partnership, caller.Id, found.Role, found.OrganisationId, caller.ReadOnly);
        return partnership;
    }

    public async ValueTask<OrganisationScope?> OrganisationAsync(CancellationToken ct = default)
    {
        if (organisationDone)
        {
            return organisation;
        }

        organisationDone = true;
        if (Caller() is not { } caller || RouteId() is not { } id)
        {
            return null;
        }

        var found = await db.Set<Organisation>().AsNoTracking().Where(o => o.Id == id)
            .Select(o => new
            {
                Organisation = o,
                Role = db.Set<OrganisationMembership>().Where(m => m.OrganisationId == id && m.AccountId == caller.Id).Select(m => (OrganisationRole?)m.Role).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        organisation = found is null || (found.Role is null && !caller.NetworkAdmin)
            ? null
            : new OrganisationScope(found.Organisation, caller.Id, found.Role, caller.NetworkAdmin, caller.ReadOnly);
        return organisation;
    }

    private sealed record CallerInfo(Guid Id, bool NetworkAdmin, bool ReadOnly);

    private CallerInfo? Caller()
    {
        var user = http.HttpContext?.User;
        if (user?.Identity?.IsAuthenticated != true ||
            !Guid.TryParse(user.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var id))
        {
            return null;
        }

        return new CallerInfo(id,
            user.FindFirst(ConcordClaims.NetworkRole)?.Value == nameof(Features.Accounts.NetworkRole.NetworkAdmin),
            user.FindFirst(ConcordClaims.Scope)?.Value == nameof(Features.Accounts.ApiTokenScope.Read));
    }

    private Guid? RouteId() =>
        http.HttpContext?.GetRouteValue(RouteKey) is { } value && Guid.TryParse(value.ToString(), out var id) ? id : null;
}
