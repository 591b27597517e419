using Microsoft.AspNetCore.Http.Extensions;

namespace Concord.Web.Infrastructure.Http;

/// <summary>
/// In the API an empty query value (<c>?to=</c>, as a form with an empty field sends) means "no filter", as if it were not
/// sent: it is removed before binding, so <c>DateOnly? to</c> is null rather than a value that cannot be read.
/// </summary>
public sealed class EmptyQueryValues(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.IsApiRequest() && request.QueryString.HasValue && request.Query.Any(q => q.Value.All(string.IsNullOrEmpty)))
        {
            var kept = new QueryBuilder();
            foreach (var (key, values) in request.Query)
            {
                foreach (var value in values.Where(v => !string.IsNullOrEmpty(v)))
                {
                    kept.Add(key, value!);
                }
            }

            request.QueryString = kept.ToQueryString();
        }

        return next(context);
    }
}
