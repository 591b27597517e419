using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Guidance.Pages;

public sealed class ChecklistsModel(ConcordDb db, CurrentUser user) : PageModel
{
    public IReadOnlyList<ChecklistTemplate> Templates { get; private set; } = [];
    public bool CanEdit => user.IsLearningTeam;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Templates = (await db.Set<ChecklistTemplate>().AsNoTracking().ToListAsync(ct))
            .OrderBy(t => t.Stage is null ? 99 : (int)t.Stage).ThenBy(t => t.Title, StringComparer.Ordinal).ToList();
    }
}
