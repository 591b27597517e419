using Concord.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace Concord.Web.Features.Shared;

/// <summary>What the pager partial needs: where we are and how to make the address of another page with the same filters.</summary>
public sealed record Pager(int Page, int Pages, int Total, string Noun, string Label, Func<int, string> Url)
{
    /// <summary>The noun for more than one, when adding "s" is wrong ("stories").</summary>
    public string? Plural { get; init; }

    /// <summary>A pager for <paramref name="list"/> on the current address: every query value is kept except <c>page</c>.</summary>
    public static Pager For<T>(PagedList<T> list, HttpRequest request, string noun, string label = "Pages")
    {
        string Url(int page)
        {
            var query = new QueryBuilder(request.Query.Where(q => !string.Equals(q.Key, "page", StringComparison.OrdinalIgnoreCase) &&
                !string.Equals(q.Key, "handler", StringComparison.OrdinalIgnoreCase))
                .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? ""))));
            if (page > 1)
            {
                query.Add("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            return request.Path + query.ToQueryString().Value;
        }

        return new Pager(list.Page, list.Pages, list.Total, noun, label, Url);
    }
}
