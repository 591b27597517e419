using Concord.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Concord.Web.Infrastructure.Access;

/// <summary>The route is under a partnership and the caller must be allowed <see cref="Operation"/> in it.</summary>
public sealed record PartnershipRequirement(PartnershipOperation Operation) : IAuthorizationRequirement;

/// <summary>The route is under an organisation and the caller must be allowed <see cref="Operation"/> on it.</summary>
public sealed record OrganisationRequirement(OrganisationOperation Operation) : IAuthorizationRequirement;

/// <summary>
/// The one handler for tenant requirements. It fails closed: no signed-in caller, no tenant id in the route, or no
/// membership is a failure. A caller outside the tenant is marked <see cref="OutsideTenant"/>, which
/// <see cref="TenantAuthorizationResults"/> answers with 404 exactly like an id that does not exist; a member whose
/// role does not allow the operation is refused with 403 and the reason.
/// </summary>
public sealed class TenantRequirementHandler(TenantScopes scopes) : IAuthorizationHandler
{
    public const string OutsideTenant = "outside-tenant";

    public async Task HandleAsync(AuthorizationHandlerContext context)
    {
        foreach (var requirement in context.PendingRequirements.ToList())
        {
            if (requirement is not (PartnershipRequirement or OrganisationRequirement))
            {
                continue;
            }

            if (context.User.Identity?.IsAuthenticated != true)
            {
                // No failure reason: the caller is challenged to sign in.
                return;
            }

            if (requirement is PartnershipRequirement p)
            {
                var scope = await scopes.PartnershipAsync();
                if (scope is null)
                {
                    context.Fail(new AuthorizationFailureReason(this, OutsideTenant));
                }
                else if (!scope.Can(p.Operation))
                {
                    context.Fail(new AuthorizationFailureReason(this, scope.ReadOnlyToken
                        ? "This personal access token can only read. Create a read and write token to make changes."
                        : Permissions.Refusal(scope.Role, p.Operation)));
                }
                else
                {
                    context.Succeed(requirement);
                }
            }
            else if (requirement is OrganisationRequirement o)
            {
                var scope = await scopes.OrganisationAsync();
                if (scope is null)
                {
                    context.Fail(new AuthorizationFailureReason(this, OutsideTenant));
                }
                else if (!scope.Can(o.Operation))
                {
                    context.Fail(new AuthorizationFailureReason(this, "Organisation admins change the organisation's details and people."));
                }
                else
                {
                    context.Succeed(requirement);
                }
            }
        }
    }
}

/// <summary>
/// Turns a tenant refusal into its answer: outside the tenant → 404 (a problem in the API, the friendly page elsewhere);
/// a role refusal in the API → 403 problem with the reason. Everything else as ASP.NET Core does it (401, redirects).
/// </summary>
public sealed class TenantAuthorizationResults(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var reasons = authorizeResult.AuthorizationFailure?.FailureReasons.Where(r => r.Handler is TenantRequirementHandler).ToList() ?? [];
        if (authorizeResult.Forbidden && reasons.Count > 0)
        {
            var outside = reasons.Any(r => r.Message == TenantRequirementHandler.OutsideTenant);
            if (outside || context.Request.IsApiRequest())
            {
                await WriteAsync(context, outside ? StatusCodes.Status404NotFound : StatusCodes.Status403Forbidden,
                    outside ? null : reasons[0].Message);
                return;
            }
        }

        await fallback.HandleAsync(next, context, policy, authorizeResult);
    }

    /// <summary>404 or 403: a problem for the API; for pages an empty status that the error pages render.</summary>
    public async Task WriteAsync(HttpContext context, int status, string? reason)
    {
        context.Response.StatusCode = status;
        if (!context.Request.IsApiRequest())
        {
            return;
        }

        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = status,
                Title = status == StatusCodes.Status404NotFound ? "Not found" : "Not allowed",
                Detail = status == StatusCodes.Status404NotFound ? ApiProblems.NotFoundDetail : reason,
            },
        });
    }
}

/// <summary>Endpoint metadata: which tenant a route is under and the operation it needs (read by the route matrix test and the OpenAPI document).</summary>
public sealed record TenantOperationMetadata(PartnershipOperation? Partnership, OrganisationOperation? Organisation);

public static class TenantPolicies
{
    public static string Name(PartnershipOperation operation) => "partnership:" + operation;

    public static string Name(OrganisationOperation operation) => "organisation:" + operation;

    public static AuthorizationBuilder AddTenantPolicies(this AuthorizationBuilder builder)
    {
        foreach (var operation in Enum.GetValues<PartnershipOperation>())
        {
            builder.AddPolicy(Name(operation), p => p.RequireAuthenticatedUser().AddRequirements(new PartnershipRequirement(operation)));
        }

        foreach (var operation in Enum.GetValues<OrganisationOperation>())
        {
            builder.AddPolicy(Name(operation), p => p.RequireAuthenticatedUser().AddRequirements(new OrganisationRequirement(operation)));
        }

        return builder;
    }

    /// <summary>The endpoint (or every endpoint of a group) is under <c>/partnerships/{id}</c> and needs this operation.</summary>
    public static TBuilder RequirePartnership<TBuilder>(this TBuilder builder, PartnershipOperation operation = PartnershipOperation.View)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(Name(operation)).WithMetadata(new TenantOperationMetadata(operation, null));

    /// <summary>The endpoint (or every endpoint of a group) is under <c>/organisations/{id}</c> and needs this operation.</summary>
    public static TBuilder RequireOrganisation<TBuilder>(this TBuilder builder, OrganisationOperation operation = OrganisationOperation.View)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(Name(operation)).WithMetadata(new TenantOperationMetadata(null, operation));

    public static IServiceCollection AddTenantAccess(this IServiceCollection services)
    {
        services.AddScoped<TenantScopes>();
        services.AddScoped<IAuthorizationHandler, TenantRequirementHandler>();
        services.AddSingleton<TenantAuthorizationResults>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler>(sp => sp.GetRequiredService<TenantAuthorizationResults>());
        // Handlers, commands and view components take the scope itself: resolved by the authorisation step above.
        services.AddScoped(sp => sp.GetRequiredService<TenantScopes>().Partnership);
        services.AddScoped(sp => sp.GetRequiredService<TenantScopes>().Organisation);
        return services;
    }
}
