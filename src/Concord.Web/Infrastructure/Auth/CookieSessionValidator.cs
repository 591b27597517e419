using System.Security.Claims;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Concord.Web.Infrastructure.Auth;

/// <summary>
/// Checks a session cookie on each request against the account's <see cref="AccountSnapshot"/> from
/// <see cref="AccountSessionCache"/>. In place of Identity's security-stamp validator (which read the account, ran
/// the claims factory and re-issued the cookie on every request), a request whose cookie agrees with a fresh snapshot
/// costs no query and sends no cookie.
/// <list type="bullet">
/// <item>No snapshot, one older than the bound, or one that disagrees with the cookie in any way: read it again (one
/// primary-key lookup). A cached snapshot can therefore delay a change by at most the bound, but never refuse a cookie
/// that is newer than it (signed in on another process after a change there).</item>
/// <item>Stamp differs, or the account is deactivated or gone: the session ends (rejected and signed out).</item>
/// <item>Only the claims differ (role, name, two-step verification): the session goes on with the new claims and the
/// cookie is re-issued once.</item>
/// </list>
/// </summary>
public static class CookieSessionValidator
{
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var services = context.HttpContext.RequestServices;
        if (principal is null || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var accountId))
        {
            await EndAsync(context);
            return;
        }

        var stampClaim = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var stamp = principal.FindFirstValue(stampClaim);
        var cache = services.GetRequiredService<AccountSessionCache>();
        var snapshot = cache.Find(accountId);
        if (snapshot is not null && snapshot.Accepts(principal, stamp))
        {
            return;
        }

        var read = cache.StartRead();
        snapshot = await AccountSnapshot.LoadAsync(services.GetRequiredService<ConcordDb>(), accountId, context.HttpContext.RequestAborted);
        if (snapshot is null)
        {
            cache.Forget(accountId);
            await EndAsync(context);
            return;
        }

        cache.Remember(accountId, snapshot, read);
        if (!snapshot.IsActive || !string.Equals(snapshot.SecurityStamp, stamp, StringComparison.Ordinal))
        {
            await EndAsync(context);
            return;
        }

        if (!snapshot.ClaimsMatch(principal))
        {
            context.ReplacePrincipal(snapshot.Apply(principal));
            context.ShouldRenew = true;
        }
    }

    private static async Task EndAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}
