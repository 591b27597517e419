namespace Concord.Web.Infrastructure.Http;

/// <summary>One page of a list in the API: <c>{ items, page, pageSize, total }</c>.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public static class Paging
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    /// <summary>Checks the paging query; returns field errors for a 400 problem, or null when it is fine.</summary>
    public static Dictionary<string, string[]>? Check(int? page, int? pageSize, out int p, out int size)
    {
        p = page ?? 1;
        size = pageSize ?? DefaultPageSize;
        var errors = new Dictionary<string, string[]>();
        if (p < 1)
        {
            errors["page"] = ["The page must be 1 or more."];
        }

        if (size is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"The page size must be between 1 and {MaxPageSize}."];
        }

        return errors.Count == 0 ? null : errors;
    }
}
