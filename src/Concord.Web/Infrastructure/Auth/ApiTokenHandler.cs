using System.Security.Claims;
using System.Text.Encodings.Web;
using Concord.Web.Features.Accounts;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Concord.Web.Infrastructure.Auth;

/// <summary>
/// Authenticates API calls that carry "Authorization: Bearer cnd_…". The token's hash is looked up on
/// every call, so revoking a token or deactivating an account takes effect at once.
/// </summary>
public sealed class ApiTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ConcordDb db,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string TokenPrefix = "cnd_";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var secret = header["Bearer ".Length..].Trim();
        if (!secret.StartsWith(TokenPrefix, StringComparison.Ordinal))
        {
            return AuthenticateResult.Fail("Not a Concord token.");
        }

        var hash = Secrets.Hash(secret);
        var now = clock.GetUtcNow();
        var found = await db.Set<ApiToken>()
            .Where(t => t.TokenHash == hash && t.RevokedAt == null && t.ExpiresAt > now)
            .Select(t => new { t.Id, t.Scope, t.LastUsedAt, t.Account!.Email, t.Account.DisplayName, t.Account.NetworkRole, t.Account.IsActive, t.AccountId })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (found is null || !found.IsActive)
        {
            return AuthenticateResult.Fail("The token is unknown, expired or revoked.");
        }

        // Last use is kept to the hour: enough for people to spot stale tokens without a write per call.
        if (found.LastUsedAt is null || now - found.LastUsedAt > TimeSpan.FromHours(1))
        {
            await db.Set<ApiToken>().Where(t => t.Id == found.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
        }

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, found.AccountId.ToString()),
            new Claim(ClaimTypes.Name, found.Email ?? ""),
            new Claim(ClaimTypes.Email, found.Email ?? ""),
            new Claim(ConcordClaims.DisplayName, found.DisplayName),
            new Claim(ConcordClaims.NetworkRole, found.NetworkRole.ToString()),
            new Claim(ConcordClaims.Scope, found.Scope.ToString()),
            new Claim(ConcordClaims.TokenId, found.Id.ToString()),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        var problems = Context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = 401,
                Title = "Sign-in required",
                Detail = "Send a bearer token: get one from POST /api/v1/auth/token or create a personal access token on your account page.",
            },
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        var problems = Context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = 403, Title = "Not allowed", Detail = "Your token does not allow this." },
        });
    }
}
