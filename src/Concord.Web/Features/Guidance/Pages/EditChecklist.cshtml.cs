using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Guidance.Pages;

/// <summary>
/// The learning team adds (templateId empty GUID, reached from /guidance/checklists/new) or changes a checklist
/// template. A stale save answers 409 with both versions side by side; nothing is written.
/// </summary>
public sealed class EditChecklistModel(ConcordDb db, CurrentUser user, GuidanceCommands commands) : PageModel
{
    [BindProperty]
    public TemplateInput Input { get; set; } = new();

    public bool IsNew { get; private set; }
    public string Title { get; private set; } = "";

    /// <summary>Set when someone else saved first: what is saved now, shown beside what the person typed.</summary>
    public ChecklistTemplate? Saved { get; private set; }
    public int StartedFromVersion { get; private set; }
    public IReadOnlyList<SelectListItem> Articles { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid templateId, CancellationToken ct)
    {
        if (await FindAsync(templateId, ct) is { } refused)
        {
            return refused;
        }

        if (!IsNew)
        {
            Input = TemplateInput.From((await db.Set<ChecklistTemplate>().AsNoTracking().FirstAsync(t => t.Id == templateId, ct)));
        }

        await LoadArticlesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid templateId, CancellationToken ct)
    {
        if (await FindAsync(templateId, ct) is { } refused)
        {
            return refused;
        }

        await LoadArticlesAsync(ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = IsNew
            ? await commands.CreateTemplateAsync(Input.Fields(), ct)
            : await commands.UpdateTemplateAsync(templateId, Input.Fields(), Input.Version, ct);
        if (result.Saved)
        {
            TempData["StatusMessage"] = IsNew ? "You added the checklist." : "You saved the checklist.";
            return Redirect("/guidance/checklists");
        }

        if (result.Status == WriteStatus.Stale)
        {
            Saved = result.Current;
            StartedFromVersion = Input.Version;
            ModelState.Remove("Input.Version");
            Input.Version = Saved!.Version;
        }

        return this.Failed(result);
    }

    /// <summary>404 for a template that is not there, 403 for anyone but the learning team; otherwise null.</summary>
    private async Task<IActionResult?> FindAsync(Guid templateId, CancellationToken ct)
    {
        IsNew = templateId == Guid.Empty;
        if (!IsNew)
        {
            if (await db.Set<ChecklistTemplate>().Where(t => t.Id == templateId).Select(t => t.Title).FirstOrDefaultAsync(ct) is not { } title)
            {
                return NotFound();
            }

            Title = title;
        }

        return user.IsLearningTeam ? null : Forbid();
    }

    private async Task LoadArticlesAsync(CancellationToken ct) =>
        Articles = await db.Set<GuidanceArticle>().OrderBy(a => a.SortOrder).ThenBy(a => a.Title)
            .Select(a => new SelectListItem(a.Title, a.Slug)).ToListAsync(ct);
}
