using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Guidance.Pages;

public sealed class IndexModel(ConcordDb db, CurrentUser user) : PageModel
{
    public sealed record Row(string Slug, string Title, string Summary, Partnerships.PartnershipStage? Stage);

    public IReadOnlyList<Row> Articles { get; private set; } = [];
    public bool CanEdit => user.IsLearningTeam;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Articles = await db.Set<GuidanceArticle>().OrderBy(a => a.SortOrder).ThenBy(a => a.Title)
            .Select(a => new Row(a.Slug, a.Title, a.Summary, a.Stage)).ToListAsync(ct);
    }
}
