using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Guidance.Pages;

/// <summary>A partnership's adopted checklists with their progress; coordinators adopt another.</summary>
public sealed class PartnershipChecklistsModel(ConcordDb db, PartnershipAccess access, GuidanceCommands commands) : PageModel
{
    public PartnershipContext Context { get; private set; } = null!;
    public IReadOnlyList<ChecklistProgress> Progress { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Choices { get; private set; } = [];

    [BindProperty]
    public Guid? TemplateId { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    [Requires(PartnershipOperation.View)]
    public IActionResult OnPost() => NotFound();

    [Requires(PartnershipOperation.Manage)]
    public async Task<IActionResult> OnPostAdoptAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!Context.CanManage)
        {
            return Forbid();
        }

        var (checklist, outcome) = await commands.AdoptAsync(id, TemplateId, ct);
        if (checklist is null)
        {
            foreach (var (field, message) in outcome.Errors)
            {
                ModelState.AddModelError(field, message);
            }

            return Page();
        }

        TempData["StatusMessage"] = $"The partnership adopted the checklist \"{checklist.Title}\".";
        return Redirect($"/partnerships/{id}/checklists/{checklist.Id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return false;
        }

        Context = found;
        Progress = await ChecklistQueries.ProgressAsync(db, id, ct);
        var adopted = db.Set<PartnershipChecklist>().Where(c => c.PartnershipId == id && c.TemplateId != null).Select(c => c.TemplateId);
        Choices = await db.Set<ChecklistTemplate>().Where(t => !adopted.Contains(t.Id)).OrderBy(t => t.Title)
            .Select(t => new SelectListItem(t.Title, t.Id.ToString())).ToListAsync(ct);
        return true;
    }
}
