using Concord.Web.Infrastructure.Auth;

namespace Concord.Web.Infrastructure.Http;

/// <summary>Rules every API endpoint shares.</summary>
public static class ApiConventions
{
    /// <summary>A read-only personal access token may only read: any other method gets 403.</summary>
    public static async ValueTask<object?> ReadOnlyTokensOnlyRead(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var method = context.HttpContext.Request.Method;
        if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) &&
            context.HttpContext.User.FindFirst(ConcordClaims.Scope)?.Value == "Read")
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Read-only token",
                detail: "This personal access token can only read. Create a read and write token to make changes.");
        }

        return await next(context);
    }

    /// <summary>Paging shared by every list: page from 1, pageSize from 1 to 100.</summary>
    public static (int Page, int PageSize) Paging(int? page, int? pageSize) =>
        (Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? 25, 1, 100));
}

/// <summary>What an endpoint answers, for the OpenAPI document. Error statuses from authorisation (401, 403, 404) are added
/// for every operation from its metadata; these add what the handler itself can answer.</summary>
public static class ApiResponses
{
    /// <summary>A page of <typeparamref name="T"/> (<see cref="PagedList{T}"/>), or 400 for a page or page size out of range.</summary>
    public static RouteHandlerBuilder ProducesPage<T>(this RouteHandlerBuilder builder) =>
        builder.Produces<PagedList<T>>().ProducesValidationProblem();

    /// <summary>A write: the saved <typeparamref name="T"/> with <paramref name="status"/>, 400 field errors, and 409 when
    /// <paramref name="stale"/> (a version that is no longer current) or <paramref name="conflict"/> (a clash with what is there).</summary>
    public static RouteHandlerBuilder ProducesWrite<T>(this RouteHandlerBuilder builder, int status = StatusCodes.Status200OK, bool stale = false, bool conflict = false)
    {
        builder.Produces<T>(status).ProducesValidationProblem();
        return stale || conflict ? builder.ProducesProblem(StatusCodes.Status409Conflict) : builder;
    }

    /// <summary>A download in <paramref name="contentType"/>.</summary>
    public static RouteHandlerBuilder ProducesFile(this RouteHandlerBuilder builder, string contentType) =>
        builder.Produces(StatusCodes.Status200OK, contentType: contentType);
}
