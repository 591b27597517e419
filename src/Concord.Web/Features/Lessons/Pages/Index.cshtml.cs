using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
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
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public LessonResults Results { get; private set; } = new([], 0, 1, PageSize);
    public List<SelectListItem> Categories { get; private set; } = [];
    public bool IsLearningTeam => user.IsLearningTeam;
    public int PendingCount { get; private set; }

    public sealed record MyLesson(Guid Id, string Title, ModerationState Moderation);

    public IReadOnlyList<MyLesson> MyUnpublished { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Max(1, PageNumber);
        var (query, errors) = await LessonsApi.ParseFiltersAsync(db, Q, Category, Kind, Stage, Tag, Type, ct);
        foreach (var (field, messages) in errors)
        {
            ModelState.AddModelError(field == "q" ? "Q" : char.ToUpperInvariant(field[0]) + field[1..], messages[0].TrimEnd('.'));
        }

        Results = await search.SearchAsync(query with { Page = PageNumber, PageSize = PageSize }, ct);
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
