using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Guidance.Pages;

/// <summary>A partnership's adopted checklists with their progress; coordinators adopt another.</summary>
public sealed class PartnershipChecklistsModel(ConcordDb db, PartnershipScope scope, GuidanceCommands commands) : PageModel
{
    public Partnership Partnership => scope.Partnership;
    public bool CanAdopt => scope.Can(PartnershipOperation.Manage);
    public IReadOnlyList<ChecklistProgress> Progress { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Choices { get; private set; } = [];

    [BindProperty]
    public Guid? TemplateId { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    [Requires(PartnershipOperation.View)]
    public IActionResult OnPost() => NotFound();

    [Requires(PartnershipOperation.Manage)]
    public async Task<IActionResult> OnPostAdoptAsync(CancellationToken ct)
    {
        var result = await commands.AdoptAsync(scope, TemplateId, ct);
        if (!result.Saved)
        {
            await LoadAsync(ct);
            return this.Failed(result, prefix: "");
        }

        TempData["StatusMessage"] = $"The partnership adopted the checklist \"{result.Value!.Title}\".";
        return Redirect($"/partnerships/{scope.Id}/checklists/{result.Value.Id}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Progress = await ChecklistQueries.ProgressAsync(db, scope, ct);
        var adopted = db.Set<PartnershipChecklist>().Where(c => c.PartnershipId == scope.Id && c.TemplateId != null).Select(c => c.TemplateId);
        Choices = await db.Set<ChecklistTemplate>().Where(t => !adopted.Contains(t.Id)).OrderBy(t => t.Title)
            .Select(t => new SelectListItem(t.Title, t.Id.ToString())).ToListAsync(ct);
    }
}
