using System.ComponentModel.DataAnnotations;
using Concord.Web.Features.Audit;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Http;
using Concord.Web.Infrastructure.Writes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Accounts;

public static class AuthApi
{
    /// <summary>Sign-in for a token. <c>code</c> is needed only when the account has two-step verification on.</summary>
    public sealed record TokenRequest([Required] string? Email, [Required] string? Password, string? Code);

    public sealed record TokenResponse(string AccessToken, string TokenType, DateTimeOffset ExpiresAt, string Scope);

    public sealed record MeResponse(Guid Id, string Email, string DisplayName, string NetworkRole, bool TwoFactorEnabled,
        IReadOnlyList<MembershipDto> Organisations, IReadOnlyList<MembershipDto> Partnerships);

    public sealed record MembershipDto(Guid Id, string Name, string Role);

    /// <summary>A new personal access token: <c>scope</c> Read (the default) or ReadWrite, valid for <c>days</c> (90 by default).</summary>
    public sealed record NewPersonalToken([Required][MaxLength(100)] string? Name, [AllowedValues("Read", "ReadWrite", null)] string? Scope,
        [Range(1, 366)] int? Days);

    public sealed record PersonalTokenDto(Guid Id, string Name, string Scope, string Prefix, DateTimeOffset CreatedAt,
        DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt);

    public sealed record CreatedPersonalToken(PersonalTokenDto Token, string Secret);

    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/token", IssueAsync)
            .WithTags("Authentication")
            .WithName("IssueToken")
            .WithSummary("Exchange an e-mail address, password (and authenticator code when two-step verification is on) for a bearer token valid for 8 hours.")
            .AllowAnonymous()
            .Produces<TokenResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status423Locked)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .NoStore();

        var me = api.MapGroup("/me").WithTags("Your account").RequireAuthorization(AuthSetup.ApiPolicy).NoStore();
        me.MapGet("/", GetMeAsync).WithName("GetMe").WithSummary("Who you are, and your organisations and partnerships.");
        me.MapGet("/tokens", ListTokensAsync).WithName("ListPersonalTokens").WithSummary("Your personal access tokens (never their secrets).");
        me.MapPost("/tokens", CreateTokenAsync).WithName("CreatePersonalToken").WithSummary("Create a personal access token; the secret is returned once.");
        me.MapDelete("/tokens/{tokenId:guid}", RevokeTokenAsync).WithName("RevokePersonalToken").WithSummary("Revoke one of your personal access tokens.");
        return api;
    }

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> IssueAsync(
        TokenRequest request, UserManager<Account> users, SignInManager<Account> signIn, ApiTokens tokens, Auditor audit, ConcordDb db,
        TimeProvider clock, SignInAttempts attempts, HttpContext http, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(request.Email) || !new EmailAddressAttribute().IsValid(request.Email))
        {
            errors.Add("Email", "Enter an e-mail address in the right format, like name@example.org");
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            errors.Add("Password", "Enter your password");
        }

        if (errors.Any)
        {
            return ApiProblems.Invalid(errors);
        }

        if (attempts.Refusal(http, request.Email) is { } tooMany)
        {
            tooMany.Apply(http);
            return TypedResults.Problem(statusCode: 429, title: "Too many requests", detail: tooMany.Words);
        }

        var account = await users.FindByEmailAsync(request.Email!.Trim());
        var refused = TypedResults.Problem(statusCode: 401, title: "Sign-in failed", detail: "The e-mail address, password or code is not right.");
        if (account is null)
        {
            attempts.Failed(http, request.Email);
            audit.Record(AuditActions.SignInFailed, "Account", null, details: "API token: unknown e-mail address", actorEmail: request.Email.Trim());
            await db.SaveChangesAsync(ct);
            return refused;
        }

        var check = await signIn.CheckPasswordSignInAsync(account, request.Password!, lockoutOnFailure: true);
        if (!check.Succeeded)
        {
            attempts.Failed(http, request.Email);
        }
        if (check.IsLockedOut)
        {
            audit.Record(AuditActions.SignInLockedOut, "Account", account.Id, details: "API token", actorId: account.Id, actorEmail: account.Email);
            await db.SaveChangesAsync(ct);
            return TypedResults.Problem(statusCode: 423, title: "Account locked", detail: "Too many failed attempts. Try again in 5 minutes.");
        }

        if (!check.Succeeded)
        {
            audit.Record(AuditActions.SignInFailed, "Account", account.Id, details: "API token", actorId: account.Id, actorEmail: account.Email);
            await db.SaveChangesAsync(ct);
            return refused;
        }

        if (account.TwoFactorEnabled)
        {
            var code = request.Code?.Replace(" ", "", StringComparison.Ordinal);
            if (string.IsNullOrEmpty(code))
            {
                return ApiProblems.Invalid("Code", "Two-step verification is on for this account: send the 6-digit code from the authenticator app");
            }

            if (!await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, code))
            {
                attempts.Failed(http, request.Email);
                await users.AccessFailedAsync(account);
                audit.Record(AuditActions.SignInTwoFactorFailed, "Account", account.Id, details: "API token", actorId: account.Id, actorEmail: account.Email);
                await db.SaveChangesAsync(ct);
                return refused;
            }
        }

        var (token, secret) = tokens.Issue(account.Id, ApiTokenKind.Session, "API session", ApiTokenScope.ReadWrite, ApiTokens.SessionLifetime);
        account.LastSignInAt = clock.GetUtcNow();
        audit.Record(AuditActions.SignInSucceeded, "Account", account.Id, details: "API token", actorId: account.Id, actorEmail: account.Email);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new TokenResponse(secret, "Bearer", token.ExpiresAt, token.Scope.ToString()));
    }

    private static async Task<Ok<MeResponse>> GetMeAsync(ConcordDb db, CurrentUser user, CancellationToken ct)
    {
        var account = await db.Users.Where(a => a.Id == user.Id)
            .Select(a => new { a.Email, a.DisplayName, a.NetworkRole, a.TwoFactorEnabled })
            .FirstAsync(ct);
        var organisations = await db.Set<Organisations.OrganisationMembership>()
            .Where(m => m.AccountId == user.Id)
            .OrderBy(m => m.Organisation!.Name)
            .Select(m => new MembershipDto(m.OrganisationId, m.Organisation!.Name, m.Role.ToString()))
            .ToListAsync(ct);
        var partnerships = await db.Set<Partnerships.PartnershipMembership>()
            .Where(m => m.AccountId == user.Id)
            .OrderBy(m => m.Partnership!.Name)
            .Select(m => new MembershipDto(m.PartnershipId, m.Partnership!.Name, m.Role.ToString()))
            .ToListAsync(ct);
        return TypedResults.Ok(new MeResponse(user.Id, account.Email ?? "", account.DisplayName, account.NetworkRole.ToString(),
            account.TwoFactorEnabled, organisations, partnerships));
    }

    private static async Task<Ok<List<PersonalTokenDto>>> ListTokensAsync(ConcordDb db, CurrentUser user, CancellationToken ct) =>
        TypedResults.Ok(await db.Set<ApiToken>()
            .Where(t => t.AccountId == user.Id && t.Kind == ApiTokenKind.Personal)
            .OrderByDescending(t => t.CreatedAt)
            .Select(t => new PersonalTokenDto(t.Id, t.Name, t.Scope.ToString(), t.Prefix, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt))
            .ToListAsync(ct));

    private static async Task<Results<Created<CreatedPersonalToken>, ValidationProblem>> CreateTokenAsync(
        NewPersonalToken request, ApiTokens tokens, ConcordDb db, CurrentUser user, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100)
        {
            errors.Add("Name", "Enter a name of up to 100 characters");
        }

        if (!Enum.TryParse<ApiTokenScope>(request.Scope ?? nameof(ApiTokenScope.Read), ignoreCase: true, out var scope) || !Enum.IsDefined(scope))
        {
            errors.Add("Scope", "Scope must be Read or ReadWrite");
        }

        var days = request.Days ?? 90;
        if (days is < 1 or > 366)
        {
            errors.Add("Days", "Days must be between 1 and 366");
        }

        if (errors.Any)
        {
            return ApiProblems.Invalid(errors);
        }

        var (token, secret) = tokens.Issue(user.Id, ApiTokenKind.Personal, request.Name!.Trim(), scope, TimeSpan.FromDays(days));
        await db.SaveChangesAsync(ct);
        var dto = new PersonalTokenDto(token.Id, token.Name, token.Scope.ToString(), token.Prefix, token.CreatedAt, token.ExpiresAt, null, null);
        return TypedResults.Created($"/api/v1/me/tokens/{token.Id}", new CreatedPersonalToken(dto, secret));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeTokenAsync(
        Guid tokenId, ConcordDb db, CurrentUser user, Auditor audit, TimeProvider clock, CancellationToken ct)
    {
        var token = await db.Set<ApiToken>().FirstOrDefaultAsync(t => t.Id == tokenId && t.AccountId == user.Id, ct);
        if (token is null)
        {
            return ApiProblems.NotFound();
        }

        token.RevokedAt ??= clock.GetUtcNow();
        audit.Record(AuditActions.TokenRevoked, "ApiToken", token.Id, details: token.Name);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
