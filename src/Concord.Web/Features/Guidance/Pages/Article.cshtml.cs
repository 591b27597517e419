using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Guidance.Pages;

public sealed class ArticleModel(ConcordDb db, CurrentUser user, MarkdownRenderer markdown, RelatedLessons related) : PageModel
{
    public sealed record ChecklistRow(string Title, int Items);

    public GuidanceArticle Article { get; private set; } = null!;
    public string BodyHtml { get; private set; } = "";
    public IReadOnlyList<ChecklistRow> Checklists { get; private set; } = [];
    public IReadOnlyList<RelatedLesson> RelatedLessons { get; private set; } = [];
    public bool CanEdit => user.IsLearningTeam;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (await db.Set<GuidanceArticle>().AsNoTracking().FirstOrDefaultAsync(a => a.Slug == slug, ct) is not { } article)
        {
            return NotFound();
        }

        Article = article;
        BodyHtml = markdown.ToHtml(article.Body);
        Checklists = (await db.Set<ChecklistTemplate>().Where(t => t.GuidanceSlug == slug).OrderBy(t => t.Title).ToListAsync(ct))
            .Select(t => new ChecklistRow(t.Title, t.ItemList.Count)).ToList();
        RelatedLessons = await related.ForAsync(article, 10, ct);
        return Page();
    }
}
