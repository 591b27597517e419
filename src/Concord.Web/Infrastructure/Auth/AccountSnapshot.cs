using System.Security.Claims;
using Concord.Web.Features.Accounts;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Infrastructure.Auth;

/// <summary>
/// What a signed-in session depends on: the security stamp, whether the account may sign in, and the values
/// of Concord's own claims. The sign-in (<see cref="ConcordClaimsFactory"/>) and the per-request check
/// (<see cref="CookieSessionValidator"/>) both write the claims from a snapshot, so they cannot disagree.
/// </summary>
public sealed record AccountSnapshot(
    string SecurityStamp,
    bool IsActive,
    NetworkRole NetworkRole,
    string DisplayName,
    bool TwoFactorEnabled,
    bool TwoFactorRequired)
{
    /// <summary>Marks the snapshot query in logs and in tests that count queries.</summary>
    public const string QueryTag = "concord:account-session-snapshot";

    /// <summary>The claim types a snapshot decides; everything else in a session (id, e-mail, amr) is left as signed in.</summary>
    private static readonly string[] DecidedClaims =
        [ConcordClaims.DisplayName, ConcordClaims.NetworkRole, ConcordClaims.TwoFactorRequired, ConcordClaims.TwoFactorEnabled];

    /// <summary>Network admins and partnership coordinators must use two-step verification.</summary>
    public static bool RequiresTwoFactor(NetworkRole role, bool coordinatorAnywhere) =>
        role == NetworkRole.NetworkAdmin || coordinatorAnywhere;

    public static AccountSnapshot Of(Account account, bool coordinatorAnywhere) => new(
        account.SecurityStamp ?? "",
        account.IsActive,
        account.NetworkRole,
        account.DisplayName,
        account.TwoFactorEnabled,
        RequiresTwoFactor(account.NetworkRole, coordinatorAnywhere));

    public static Task<bool> IsCoordinatorAnywhereAsync(ConcordDb db, Guid accountId, CancellationToken ct = default) =>
        db.Set<PartnershipMembership>().AnyAsync(m => m.AccountId == accountId && m.Role == PartnershipRole.Coordinator, ct);

    /// <summary>
    /// One query: the account by primary key, with an EXISTS on its coordinator memberships (indexed by account).
    /// Null when the account does not exist.
    /// </summary>
    public static async Task<AccountSnapshot?> LoadAsync(ConcordDb db, Guid accountId, CancellationToken ct = default)
    {
        var row = await db.Users
            .TagWith(QueryTag)
            .Where(a => a.Id == accountId)
            .Select(a => new
            {
                a.SecurityStamp,
                a.IsActive,
                a.NetworkRole,
                a.DisplayName,
                a.TwoFactorEnabled,
                Coordinator = db.Set<PartnershipMembership>().Any(m => m.AccountId == a.Id && m.Role == PartnershipRole.Coordinator),
            })
            .FirstOrDefaultAsync(ct);
        return row is null
            ? null
            : new AccountSnapshot(row.SecurityStamp ?? "", row.IsActive, row.NetworkRole, row.DisplayName, row.TwoFactorEnabled,
                RequiresTwoFactor(row.NetworkRole, row.Coordinator));
    }

    private IEnumerable<(string Type, string Value)> Claims()
    {
        yield return (ConcordClaims.DisplayName, DisplayName);
        yield return (ConcordClaims.NetworkRole, NetworkRole.ToString());
        yield return (ConcordClaims.TwoFactorRequired, TwoFactorRequired ? "true" : "false");
        yield return (ConcordClaims.TwoFactorEnabled, TwoFactorEnabled ? "true" : "false");
    }

    public void WriteClaims(ClaimsIdentity identity)
    {
        foreach (var (type, value) in Claims())
        {
            identity.AddClaim(new Claim(type, value));
        }
    }

    /// <summary>True when the session's claims already say what this snapshot says.</summary>
    public bool ClaimsMatch(ClaimsPrincipal principal) =>
        Claims().All(c => string.Equals(principal.FindFirstValue(c.Type), c.Value, StringComparison.Ordinal));

    /// <summary>True when a session with this stamp and these claims may go on as it is.</summary>
    public bool Accepts(ClaimsPrincipal principal, string? stamp) =>
        IsActive && string.Equals(SecurityStamp, stamp, StringComparison.Ordinal) && ClaimsMatch(principal);

    /// <summary>The same session with this snapshot's claims in place of the ones it was signed in with.</summary>
    public ClaimsPrincipal Apply(ClaimsPrincipal principal)
    {
        var source = principal.Identity as ClaimsIdentity ?? new ClaimsIdentity();
        var identity = new ClaimsIdentity(
            source.Claims.Where(c => !DecidedClaims.Contains(c.Type)),
            source.AuthenticationType, source.NameClaimType, source.RoleClaimType);
        WriteClaims(identity);
        return new ClaimsPrincipal(identity);
    }
}
