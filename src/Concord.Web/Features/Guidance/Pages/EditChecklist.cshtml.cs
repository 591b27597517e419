using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
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
    public ChecklistTemplate? Saved { get; private set; }
    public int StartedFromVersion { get; private set; }
    public IReadOnlyList<SelectListItem> Articles { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid templateId, CancellationToken ct)
    {
        if (templateId == Guid.Empty)
        {
            IsNew = true;
        }
        else if (await db.Set<ChecklistTemplate>().FirstOrDefaultAsync(t => t.Id == templateId, ct) is { } template)
        {
            Title = template.Title;
            Input = TemplateInput.From(template);
        }
        else
        {
            return NotFound();
        }

        if (!user.IsLearningTeam)
        {
            return Forbid();
        }

        await LoadArticlesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid templateId, CancellationToken ct)
    {
        ChecklistTemplate? template = null;
        if (templateId == Guid.Empty)
        {
            IsNew = true;
        }
        else if ((template = await db.Set<ChecklistTemplate>().FirstOrDefaultAsync(t => t.Id == templateId, ct)) is null)
        {
            return NotFound();
        }

        if (!user.IsLearningTeam)
        {
            return Forbid();
        }

        Title = template?.Title ?? "";
        await LoadArticlesAsync(ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var (saved, outcome) = await commands.SaveTemplateAsync(template, Input.Fields(), IsNew ? null : Input.Version, ct);
            if (saved is null)
            {
                foreach (var (field, message) in outcome.Errors)
                {
                    ModelState.AddModelError("Input." + field, message);
                }

                return Page();
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            Saved = await db.Set<ChecklistTemplate>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == templateId, ct);
            if (Saved is null)
            {
                return NotFound();
            }

            StartedFromVersion = Input.Version;
            ModelState.Remove("Input.Version");
            Input.Version = Saved.Version;
            Response.StatusCode = StatusCodes.Status409Conflict;
            ModelState.AddModelError("", "Someone else changed this checklist while you were editing it. Your changes have not been saved. Compare the two versions below, then save again to replace theirs with yours, or cancel to keep theirs");
            return Page();
        }

        TempData["StatusMessage"] = IsNew ? "You added the checklist." : "You saved the checklist.";
        return Redirect("/guidance/checklists");
    }

    private async Task LoadArticlesAsync(CancellationToken ct) =>
        Articles = await db.Set<GuidanceArticle>().OrderBy(a => a.SortOrder).ThenBy(a => a.Title)
            .Select(a => new SelectListItem(a.Title, a.Slug)).ToListAsync(ct);
}
