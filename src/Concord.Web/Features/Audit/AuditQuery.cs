using Concord.Web.Features.Organisations;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Http;
using Concord.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Audit;

/// <summary>Filters people can apply to the audit trail.</summary>
public sealed record AuditFilter(string? Action = null, string? Actor = null, DateOnly? From = null, DateOnly? To = null, Guid? OrganisationId = null);

/// <summary>
/// Which part of the audit trail a person may read: network admins all of it; organisation admins the
/// entries about their organisations; everyone else none.
/// </summary>
public sealed class AuditQuery(ConcordDb db, CurrentUser user, OrganisationAccess organisations)
{
    public async Task<bool> CanReadAsync(CancellationToken ct) => user.IsNetworkAdmin || await organisations.MyAdminOrganisationIds().AnyAsync(ct);

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

    /// <summary>
    /// One page of the trail, newest first, by key: entries before <paramref name="before"/> (the key of the last entry
    /// already seen). One query, reading at most <c>size + 1</c> rows through the (At), (OrganisationId, At) or
    /// (SubjectId, At) index, so a page far back costs the same as the first.
    /// </summary>
    public async Task<AuditPage<AuditEntry>> PageAsync(AuditFilter filter, AuditKey? before, KeysetRequest request, CancellationToken ct)
    {
        var query = Visible(filter);
        if (before is { } key)
        {
            var at = key.At;
            var id = key.Id;
            query = query.Where(a => a.At < at || (a.At == at && a.Id.CompareTo(id) < 0));
        }

        var rows = await query.Take(request.Size + 1).ToListAsync(ct);
        var more = rows.Count > request.Size;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        return new AuditPage<AuditEntry>(rows, more ? AuditKey.Of(rows[^1]).ToString() : null);
    }
}

/// <summary>
/// The key of an audit entry in the trail's order (newest first: its time, then its id, so entries written at the same
/// instant are neither skipped nor repeated). Written as <c>ticks-id</c> in the <c>before</c> parameter.
/// </summary>
public readonly record struct AuditKey(DateTimeOffset At, Guid Id)
{
    public static AuditKey Of(AuditEntry entry) => new(entry.At, entry.Id);

    public override string ToString() => $"{At.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture)}-{Id:N}";

    public static bool TryParse(string? value, out AuditKey? key)
    {
        key = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        var parts = value.Trim().Split('-');
        if (parts.Length == 2 && long.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks) &&
            ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks && Guid.TryParseExact(parts[1], "N", out var id))
        {
            key = new AuditKey(new DateTimeOffset(ticks, TimeSpan.Zero), id);
            return true;
        }

        return false;
    }
}

/// <summary>A page of the audit trail, newest first; <see cref="Next"/> is the <c>before</c> for the next page, null at the end.
/// (The trail's key is a time and an id, so it travels as text rather than <see cref="KeysetPage{T}"/>'s number.)</summary>
public sealed record AuditPage<T>(IReadOnlyList<T> Items, string? Next);
