using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Http;
using Concord.Web.Infrastructure.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Lessons.Pages;

/// <summary>The lessons library: search with filters, newest first without words.</summary>
public sealed class IndexModel(ConcordDb db, LessonSearch search, LessonTaxonomy taxonomy, CurrentUser user) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Stage { get; set; }
    [BindProperty(SupportsGet = true)] public string? Tag { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }

    /// <summary>The page shown. Not bound as a property: Razor Pages' own <c>page</c> route value would collide with it.</summary>
    public int PageNumber { get; private set; } = 1;

    public LessonResults Results { get; private set; } = new([], 0, 1, PageSize);
    public List<SelectListItem> Categories { get; private set; } = [];
    public bool IsLearningTeam => user.IsLearningTeam;
    public int PendingCount { get; private set; }

    public sealed record MyLesson(Guid Id, string Title, ModerationState Moderation);

    public IReadOnlyList<MyLesson> MyUnpublished { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int? page, [FromQuery] int? pageSize, CancellationToken ct)
    {
        if (!PageRequest.TryCreate(page, pageSize ?? PageSize, out var request, out _))
        {
            return BadRequest();
        }

        PageNumber = request.Page;
        var (query, errors) = await LessonFilters.ParseAsync(db, Q, Category, Kind, Stage, Tag, Type, ct);
        ModelState.AddWriteErrors(errors, "");

        Results = await search.SearchAsync(query with { Page = request.Page, PageSize = request.Size }, ct);
        Categories = [new SelectListItem("Any category", ""), .. (await taxonomy.AllAsync(ct)).Select(c => new SelectListItem(c.Name, c.Slug))];

        var me = user.Id;
        MyUnpublished = await db.Set<Lesson>().Where(l => l.AuthorId == me && l.Moderation != ModerationState.Published)
            .OrderByDescending(l => l.UpdatedAt).Take(20).Select(l => new MyLesson(l.Id, l.Title, l.Moderation)).ToListAsync(ct);
        if (user.IsLearningTeam)
        {
            PendingCount = await db.Set<Lesson>().CountAsync(l => l.Moderation == ModerationState.Pending && l.Visibility != LessonVisibility.Partnership, ct);
        }

        return Page();
    }

    /// <summary>The shared pager over the results, keeping the filters; null when the total was not counted in full.</summary>
    public Concord.Web.Features.Shared.Pager? Pager => Results.MoreThanCounted
        ? null
        : Concord.Web.Features.Shared.Pager.For(new PagedList<LessonHit>(Results.Items, Results.Page, Results.PageSize, Results.Total), Request, "lesson", "Pages of lessons");

    public string PageLink(int page) => QueryString(new() { ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public string FilterLink(string key, string value) => QueryString(new() { [key] = value, ["page"] = null });

    private string QueryString(Dictionary<string, string?> changes)
    {
        var values = new Dictionary<string, string?> { ["q"] = Q, ["category"] = Category, ["kind"] = Kind, ["stage"] = Stage, ["tag"] = Tag, ["type"] = Type, ["page"] = PageNumber > 1 ? PageNumber.ToString(System.Globalization.CultureInfo.InvariantCulture) : null };
        foreach (var (k, v) in changes)
        {
            values[k] = v;
        }

        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/lessons", values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }
}
