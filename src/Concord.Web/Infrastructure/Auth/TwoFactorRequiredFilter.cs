using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Concord.Web.Infrastructure.Auth;

/// <summary>
/// Network administrators and partnership coordinators must use two-step verification. Until they have
/// set it up, every page except the set-up page and signing out sends them there.
/// </summary>
public sealed class TwoFactorRequiredFilter : IAsyncPageFilter
{
    private static readonly string[] Allowed = ["/account/two-factor", "/account/sign-out", "/error"];

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var user = context.HttpContext.User;
        var path = context.HttpContext.Request.Path;
        if (user.Identity?.IsAuthenticated == true &&
            user.HasClaim(ConcordClaims.TwoFactorRequired, "true") &&
            !user.HasClaim(ConcordClaims.TwoFactorEnabled, "true") &&
            !Allowed.Any(a => path.StartsWithSegments(a, StringComparison.OrdinalIgnoreCase)))
        {
            context.Result = new RedirectResult("/account/two-factor?required=1");
            return;
        }

        await next();
    }
}
