using Concord.Web.Features.Organisations;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Time;

namespace Concord.Web.Features.Audit;

/// <summary>Filters people can apply to the audit trail.</summary>
public sealed record AuditFilter(string? Action = null, string? Actor = null, DateOnly? From = null, DateOnly? To = null, Guid? OrganisationId = null);

/// <summary>
/// Which part of the audit trail a person may read: network admins all of it; organisation admins the
/// entries about their organisations; everyone else none.
/// </summary>
public sealed class AuditQuery(ConcordDb db, CurrentUser user, OrganisationAccess organisations)
{
    public bool CanRead => user.IsNetworkAdmin || organisations.MyAdminOrganisationIds().Any();

    public IQueryable<AuditEntry> Visible(AuditFilter filter)
    {
        var query = db.Set<AuditEntry>().AsQueryable();
        if (!user.IsNetworkAdmin)
        {
            var adminOf = organisations.MyAdminOrganisationIds();
            query = query.Where(a => a.OrganisationId != null && adminOf.Contains(a.OrganisationId.Value));
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            var action = filter.Action.Trim().ToLowerInvariant();
            query = query.Where(a => a.Action.StartsWith(action));
        }

        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            var actor = filter.Actor.Trim().ToLowerInvariant();
            query = query.Where(a => a.ActorEmail != null && a.ActorEmail.ToLower().Contains(actor));
        }

        if (filter.OrganisationId is { } organisationId)
        {
            query = query.Where(a => a.OrganisationId == organisationId);
        }

        if (filter.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), London.Zone.GetUtcOffset(from.ToDateTime(TimeOnly.MinValue)));
            query = query.Where(a => a.At >= start);
        }

        if (filter.To is { } to)
        {
            var endDay = to.AddDays(1).ToDateTime(TimeOnly.MinValue);
            var end = new DateTimeOffset(endDay, London.Zone.GetUtcOffset(endDay));
            query = query.Where(a => a.At < end);
        }

        return query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id);
    }
}
