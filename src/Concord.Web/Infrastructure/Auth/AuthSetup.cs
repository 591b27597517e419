using System.Security.Claims;
using System.Threading.RateLimiting;
using Concord.Web.Features.Accounts;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Concord.Web.Infrastructure.Auth;

public static class AuthSetup
{
    public const string ApiPolicy = "api";
    public const string SignInRateLimit = "sign-in";
    public const string InvitationRateLimit = "invitations";
    public const string PublicFormRateLimit = "public-form";

    public static IServiceCollection AddConcordAuth(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        services.AddSingleton<SetupToken>();
        services.AddSingleton<AccountSessionCache>();
        // Joins every ConcordDb (DatabaseSetup adds the IInterceptor services), so any saved change to an account or a
        // partnership membership evicts that account's session snapshot in this process.
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, AccountSessionEviction>();

        services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(o =>
            {
                o.Cookie.Name = "concord.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/account/sign-in";
                o.LogoutPath = "/account/sign-out";
                o.AccessDeniedPath = "/error/403";
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
                // Instead of Identity's security-stamp validator: a per-process snapshot of the account, read at most once
                // per AccountSessionCache.Bound, so "sign out everywhere", deactivation and role changes reach every
                // process within the bound and an ordinary signed-in request costs no query and sends no cookie.
                o.Events.OnValidatePrincipal = CookieSessionValidator.ValidatePrincipalAsync;
                // The API never redirects to a sign-in page: it answers 401/403 problems.
                o.Events.OnRedirectToLogin = async ctx =>
                {
                    // A shared link to a lesson or story the public may read leads to its public page rather than to sign in.
                    if (await Features.PublicLibrary.PublicLibraryLinks.PublicPageForAsync(ctx.HttpContext) is { } publicPage)
                    {
                        ctx.Response.Redirect(publicPage);
                        return;
                    }

                    await RedirectOrStatus(ctx, StatusCodes.Status401Unauthorized);
                };
                o.Events.OnRedirectToAccessDenied = ctx => RedirectOrStatus(ctx, StatusCodes.Status403Forbidden);
            }));
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenHandler.SchemeName, _ => { });

        services.AddIdentityCore<Account>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
                // Length over composition: no forced symbols or digits, but a long minimum and a common-password check.
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 10;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                o.Tokens.AuthenticatorIssuer = "Concord";
            })
            .AddEntityFrameworkStores<ConcordDb>()
            .AddSignInManager<ConcordSignInManager>()
            .AddClaimsPrincipalFactory<ConcordClaimsFactory>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddDefaultTokenProviders();

        // The session cookie is checked by CookieSessionValidator. Identity's validator is left only on its two-factor
        // "remember this browser" cookie, which is read at sign-in (never on ordinary requests): check it every time.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(2));

        services.AddAuthorizationBuilder()
            // Pages require sign-in through a Razor Pages convention (see ConcordApp), API groups name ApiPolicy;
            // endpoints with neither (unknown addresses, wrong methods) answer 404/405 rather than 401.
            .SetDefaultPolicy(new AuthorizationPolicyBuilder(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser().Build())
            .AddPolicy(ApiPolicy, p => p.AddAuthenticationSchemes(ApiTokenHandler.SchemeName).RequireAuthenticatedUser())
            // Partnership and organisation operations (Infrastructure/Access): one requirement handler for pages and the API.
            .AddTenantPolicies();

        services.AddMemoryCache();
        services.AddSingleton<SignInAttempts>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Limits per client address on POSTs only: page views never count, so a room sharing one Wi-Fi address can
            // all open the forms. RateLimits:<policy> in configuration can change them (tests do). Password sign-in and
            // the API token route are not here: SignInAttempts counts their failures only.
            o.AddPolicy(SignInRateLimit, ctx => PerClient(ctx, SignInRateLimit, permits: 100, TimeSpan.FromMinutes(15)));
            o.AddPolicy(InvitationRateLimit, ctx => PerClient(ctx, InvitationRateLimit, permits: 60, TimeSpan.FromMinutes(10)));
            // Sized for 30 people at one event sending a lesson or two each from the venue's Wi-Fi.
            o.AddPolicy(PublicFormRateLimit, ctx => PerClient(ctx, PublicFormRateLimit, permits: 120, TimeSpan.FromMinutes(10)));
            o.OnRejected = async (ctx, ct) =>
            {
                var wait = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                var refusal = new TooManyAttempts(wait, "Too many attempts from here.");
                refusal.Apply(ctx.HttpContext);
                if (ctx.HttpContext.Request.Path.StartsWithSegments("/api"))
                {
                    await WriteProblemAsync(ctx.HttpContext, refusal);
                }

                // Pages: the status code page (/error/429) shows refusal.Words.
            };
        });
        return services;
    }

    /// <summary>The API's 429 problem, with Retry-After and the wait in words.</summary>
    public static async Task WriteProblemAsync(HttpContext http, TooManyAttempts refusal)
    {
        refusal.Apply(http);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = 429, Title = "Too many requests", Detail = refusal.Words },
        });
    }

    private static RateLimitPartition<string> PerClient(HttpContext ctx, string policy, int permits, TimeSpan window)
    {
        if (HttpMethods.IsGet(ctx.Request.Method) || HttpMethods.IsHead(ctx.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        var configured = ctx.RequestServices.GetRequiredService<IConfiguration>().GetValue<int?>($"RateLimits:{policy}");
        var limit = configured ?? permits;
        return RateLimitPartition.GetFixedWindowLimiter(
            $"{policy}:{limit}:{ctx.Connection.RemoteIpAddress}",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = window, QueueLimit = 0 });
    }

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api") || ctx.Request.Headers.ContainsKey("HX-Request"))
        {
            ctx.Response.StatusCode = status;
            if (ctx.Request.Headers.ContainsKey("HX-Request") && status == 401)
            {
                ctx.Response.Headers["HX-Redirect"] = ctx.RedirectUri;
            }

            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}

/// <summary>A deactivated account cannot sign in, by password, code or token.</summary>
public sealed class ConcordSignInManager(
    UserManager<Account> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<Account> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<Account>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<Account> confirmation)
    : SignInManager<Account>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(Account user) => user.IsActive && await base.CanSignInAsync(user);

    public override async Task<Account?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is { IsActive: true } ? user : null;
    }
}

/// <summary>
/// Adds the person's name, network role and two-step verification state to the sign-in, so pages need not look them
/// up. The values come from an <see cref="AccountSnapshot"/>, as they do when <see cref="CookieSessionValidator"/> refreshes them.
/// </summary>
public sealed class ConcordClaimsFactory(UserManager<Account> userManager, IOptions<IdentityOptions> options, ConcordDb db)
    : UserClaimsPrincipalFactory<Account>(userManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Account user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var coordinator = user.NetworkRole != NetworkRole.NetworkAdmin && await AccountSnapshot.IsCoordinatorAnywhereAsync(db, user.Id);
        AccountSnapshot.Of(user, coordinator).WriteClaims(identity);
        if (!identity.HasClaim(c => c.Type == ClaimTypes.Email) && user.Email is not null)
        {
            identity.AddClaim(new Claim(ClaimTypes.Email, user.Email));
        }

        return identity;
    }
}
