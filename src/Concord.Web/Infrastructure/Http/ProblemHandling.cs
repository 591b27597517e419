using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Infrastructure.Http;

/// <summary>
/// Errors in the API are RFC 9457 problem details (application/problem+json);
/// errors on pages are friendly HTML pages. Neither shows a stack trace outside Development.
/// </summary>
public static class ProblemHandling
{
    public static IServiceCollection AddConcordProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Instance ??= ctx.HttpContext.Request.Path;
            ctx.ProblemDetails.Extensions["traceId"] = Activity.Current?.Id ?? ctx.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<KnownExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    public static bool IsApiRequest(this HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/openapi");

    public static WebApplication UseConcordErrorHandling(this WebApplication app)
    {
        app.UseWhen(ctx => ctx.Request.IsApiRequest(), api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(ctx => !ctx.Request.IsApiRequest(), pages =>
        {
            if (!app.Environment.IsDevelopment())
            {
                pages.UseExceptionHandler("/error/500");
            }

            pages.UseStatusCodePagesWithReExecute("/error/{0}");
        });
        return app;
    }
}

/// <summary>Turns exceptions with a known meaning into the right status; anything else is a 500 with a trace id.</summary>
public sealed class KnownExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!httpContext.Request.IsApiRequest())
        {
            return false;
        }

        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status415UnsupportedMediaType =>
                (bad.StatusCode, "Unsupported media type", "Send the request body as JSON with Content-Type: application/json."),
            BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } bad => Binding(bad, httpContext),
            BadHttpRequestException bad =>
                (bad.StatusCode, "Bad request", "The request could not be read."),
            DbUpdateConcurrencyException =>
                (StatusCodes.Status409Conflict, "Someone else changed this first",
                    "The record was changed after you read it. Fetch it again, reapply your change and resend it with the new version."),
            _ => (0, "", ""),
        };
        if (status == 0)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    private static (int Status, string Title, string Detail) Binding(BadHttpRequestException exception, HttpContext context)
    {
        var (title, detail) = BindingProblems.Describe(exception, context);
        return (StatusCodes.Status400BadRequest, title, detail);
    }
}
