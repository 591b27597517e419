using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Concord.Web.Infrastructure.Access;

/// <summary>
/// The operation a page or one of its handlers needs, for pages under <c>/partnerships/{id}</c> or <c>/organisations/{id}</c>.
/// On the page model class it covers every handler (GET included); on a handler method it covers that handler.
/// A form handler (POST) on such a page without one is refused (fail closed).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresAttribute : Attribute
{
    public RequiresAttribute(PartnershipOperation operation) => Partnership = operation;

    public RequiresAttribute(OrganisationOperation operation) => Organisation = operation;

    public PartnershipOperation? Partnership { get; }
    public OrganisationOperation? Organisation { get; }
}

/// <summary>Which tenant a page belongs to, from its route.</summary>
public enum TenantKind
{
    None,
    Partnership,
    Organisation,
}

/// <summary>
/// Every page whose route starts <c>/partnerships/{id}</c> (or <c>/organisations/{id}</c>) is scoped by its route: the page as
/// a whole needs the View operation (anyone outside gets 404 before any page code runs), and
/// <see cref="TenantHandlerFilter"/> checks each handler's own operation.
/// </summary>
public sealed class TenantPagesConvention : IPageApplicationModelConvention
{
    public static TenantKind KindOf(string? template)
    {
        var t = (template ?? "").TrimStart('/');
        if (t.StartsWith("partnerships/{id", StringComparison.OrdinalIgnoreCase))
        {
            return TenantKind.Partnership;
        }

        return t.StartsWith("organisations/{id", StringComparison.OrdinalIgnoreCase) ? TenantKind.Organisation : TenantKind.None;
    }

    public void Apply(PageApplicationModel model)
    {
        switch (KindOf(model.ActionDescriptor.AttributeRouteInfo?.Template))
        {
            case TenantKind.Partnership:
                model.EndpointMetadata.Add(new AuthorizeAttribute(TenantPolicies.Name(PartnershipOperation.View)));
                model.EndpointMetadata.Add(new TenantOperationMetadata(PartnershipOperation.View, null));
                break;
            case TenantKind.Organisation:
                model.EndpointMetadata.Add(new AuthorizeAttribute(TenantPolicies.Name(OrganisationOperation.View)));
                model.EndpointMetadata.Add(new TenantOperationMetadata(null, OrganisationOperation.View));
                break;
        }
    }
}

/// <summary>Checks the handler's <see cref="RequiresAttribute"/> through the same authorisation handler as the API.</summary>
public sealed class TenantHandlerFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var tenant = context.ActionDescriptor.EndpointMetadata.OfType<TenantOperationMetadata>().LastOrDefault();
        if (tenant is null)
        {
            await next();
            return;
        }

        var required = RequiredFor(context.HandlerInstance.GetType(), context.HandlerMethod?.MethodInfo);
        IAuthorizationRequirement? requirement = tenant.Partnership is not null
            ? required?.Partnership is { } p ? new PartnershipRequirement(p) : null
            : required?.Organisation is { } o ? new OrganisationRequirement(o) : null;
        var method = context.HttpContext.Request.Method;
        if (requirement is null)
        {
            if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
            {
                await next();
                return;
            }

            // A form handler that does not say what it needs is refused rather than trusted.
            context.Result = new ForbidResult();
            return;
        }

        var auth = context.HttpContext.RequestServices.GetRequiredService<IAuthorizationService>();
        var result = await auth.AuthorizeAsync(context.HttpContext.User, null, [requirement]);
        if (!result.Succeeded)
        {
            context.Result = new ForbidResult();
            return;
        }

        await next();
    }

    /// <summary>The handler's own requirement, else the page's.</summary>
    public static RequiresAttribute? RequiredFor(Type page, MethodInfo? handler) =>
        handler?.GetCustomAttribute<RequiresAttribute>() ?? page.GetCustomAttribute<RequiresAttribute>();
}
