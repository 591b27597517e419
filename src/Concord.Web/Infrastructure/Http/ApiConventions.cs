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

public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);
