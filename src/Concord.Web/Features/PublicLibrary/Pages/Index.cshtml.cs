using System.Globalization;
using Concord.Web.Features.Lessons;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Http;
using Concord.Web.Infrastructure.Writes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Concord.Web.Features.PublicLibrary.Pages;

/// <summary>
/// The public lessons library, open to anyone without an account: the members' library's search and filters over public,
/// published lessons only, showing only their anonymised title and text.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(ConcordDb db, PublicLibraryQueries library, LessonTaxonomy taxonomy) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Stage { get; set; }
    [BindProperty(SupportsGet = true)] public string? Tag { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }

    public IReadOnlyList<PublicLessonHit> Items { get; private set; } = [];
    public LessonResults Results { get; private set; } = new([], 0, 1, PageSize);
    public List<SelectListItem> Categories { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int? page, [FromQuery] int? pageSize, CancellationToken ct)
    {
        if (!PageRequest.TryCreate(page, pageSize ?? PageSize, out var request, out _))
        {
            return BadRequest();
        }

        var (query, errors) = await LessonFilters.ParseAsync(db, Q, Category, Kind, Stage, Tag, Type, ct);
        ModelState.AddWriteErrors(errors, "");

        (Items, Results) = await library.SearchAsync(query with { Page = request.Page, PageSize = request.Size }, ct);
        Categories = [new SelectListItem("Any category", ""), .. (await taxonomy.AllAsync(ct)).Select(c => new SelectListItem(c.Name, c.Slug))];
        return Page();
    }

    /// <summary>The shared pager, keeping the filters; null when the total was not counted in full (then previous and next only).</summary>
    public Shared.Pager? Pager => Results.MoreThanCounted
        ? null
        : Shared.Pager.For(new PagedList<LessonHit>(Results.Items, Results.Page, Results.PageSize, Results.Total), Request, "lesson", "Pages of lessons");

    public string PageLink(int page) => Link(new() { ["page"] = page.ToString(CultureInfo.InvariantCulture) });

    public string FilterLink(string key, string value) => Link(new() { [key] = value, ["page"] = null });

    private string Link(Dictionary<string, string?> changes)
    {
        var values = new Dictionary<string, string?> { ["q"] = Q, ["category"] = Category, ["kind"] = Kind, ["stage"] = Stage, ["tag"] = Tag, ["type"] = Type, ["page"] = Results.Page > 1 ? Results.Page.ToString(CultureInfo.InvariantCulture) : null };
        foreach (var (k, v) in changes)
        {
            values[k] = v;
        }

        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/library", values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }
}
