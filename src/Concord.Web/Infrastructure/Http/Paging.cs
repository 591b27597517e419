using Concord.Web.Infrastructure.Writes;

namespace Concord.Web.Infrastructure.Http;

/// <summary>
/// The one paging rule for every list, on pages and in the API: <c>page</c> from 1, <c>pageSize</c> from 1 to 100 (25 when
/// not given). A page or size outside that is a 400 with a field error — never clamped, and never an arithmetic overflow:
/// the offset is worked out in 64 bits and a page past any possible list is refused.
/// Append-only lists (the ledger, the audit trail) page by key instead (<see cref="KeysetRequest"/>).
/// </summary>
public readonly record struct PageRequest(int Page, int Size)
{
    public const int DefaultSize = 25;
    public const int MaxSize = 100;

    public int Skip => (int)((long)(Page - 1) * Size);

    public static bool TryCreate(int? page, int? pageSize, out PageRequest request, out FieldErrors errors)
    {
        errors = new FieldErrors();
        var p = page ?? 1;
        var size = pageSize ?? DefaultSize;
        if (p < 1)
        {
            errors.Add("Page", "The page must be 1 or more");
        }

        if (size is < 1 or > MaxSize)
        {
            errors.Add("PageSize", $"The page size must be between 1 and {MaxSize}");
        }
        else if ((long)(p - 1) * size > int.MaxValue)
        {
            errors.Add("Page", "The page is past the end of any list");
        }

        request = new PageRequest(Math.Max(p, 1), Math.Clamp(size, 1, MaxSize));
        return !errors.Any;
    }

    public PagedList<T> Of<T>(IReadOnlyList<T> items, int total) => new(items, Page, Size, total);
}

public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public int Pages => Total == 0 ? 1 : (int)((Total + (long)PageSize - 1) / PageSize);
    public bool HasPrevious => Page > 1;
    public bool HasNext => Page < Pages;
}

/// <summary>
/// Paging by key for append-only lists, newest first: <c>before</c> is the key of the last item already seen (for the
/// ledger, an entry's sequence number). The cost of a page does not grow with how far back it is.
/// </summary>
public readonly record struct KeysetRequest(long? Before, int Size)
{
    public const int DefaultSize = 50;

    public static bool TryCreate(long? before, int? pageSize, out KeysetRequest request, out FieldErrors errors)
    {
        errors = new FieldErrors();
        var size = pageSize ?? DefaultSize;
        if (before is < 1)
        {
            errors.Add("Before", "Before must be 1 or more");
        }

        if (size is < 1 or > PageRequest.MaxSize)
        {
            errors.Add("PageSize", $"The page size must be between 1 and {PageRequest.MaxSize}");
        }

        request = new KeysetRequest(before is < 1 ? null : before, Math.Clamp(size, 1, PageRequest.MaxSize));
        return !errors.Any;
    }
}

/// <summary>One page of an append-only list, newest first; <see cref="Next"/> is the <c>before</c> for the next page, null at the end.</summary>
public sealed record KeysetPage<T>(IReadOnlyList<T> Items, long? Next);
