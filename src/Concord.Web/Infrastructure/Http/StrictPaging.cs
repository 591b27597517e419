namespace Concord.Web.Infrastructure.Http;

/// <summary>Old style, being replaced by <see cref="PageRequest"/> feature by feature; delete when nothing uses it.
/// Strict paging for lists whose callers should learn they asked for too much: a page below 1 or a page size
/// outside 1 to 100 is a 400 problem with a field error (rather than being clamped, as <see cref="ApiConventions.Paging"/> does).
/// </summary>
public static class StrictPaging
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
