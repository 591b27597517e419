using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Guidance.Pages;

/// <summary>One adopted checklist; members who contribute (everyone but observers) tick items.</summary>
public sealed class ChecklistModel(ConcordDb db, PartnershipScope scope, GuidanceCommands commands) : PageModel
{
    public Partnership Partnership => scope.Partnership;
    public bool CanTick => scope.Can(PartnershipOperation.Contribute);
    public PartnershipChecklist Checklist { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid checklistId, CancellationToken ct) =>
        await LoadAsync(checklistId, ct) ? Page() : NotFound();

    [Requires(PartnershipOperation.View)]
    public IActionResult OnPost() => NotFound();

    [Requires(PartnershipOperation.Contribute)]
    public async Task<IActionResult> OnPostTickAsync(Guid checklistId, Guid? itemId, bool ticked, string? note, CancellationToken ct)
    {
        var result = await commands.TickAsync(scope, checklistId, itemId, ticked, note, ct);
        if (!result.Saved)
        {
            if (result.Status == WriteStatus.Invalid && !await LoadAsync(checklistId, ct))
            {
                return NotFound();
            }

            return this.Failed(result, prefix: "");
        }

        TempData["StatusMessage"] = ticked ? $"Marked done: {result.Value!.Text}" : $"Marked not done: {result.Value!.Text}";
        return Redirect($"/partnerships/{scope.Id}/checklists/{checklistId}");
    }

    private async Task<bool> LoadAsync(Guid checklistId, CancellationToken ct)
    {
        var checklist = await db.Set<PartnershipChecklist>().AsNoTracking()
            .Include(c => c.ItemsList).ThenInclude(i => i.TickedBy)
            .FirstOrDefaultAsync(c => c.Id == checklistId && c.PartnershipId == scope.Id, ct);
        if (checklist is null)
        {
            return false;
        }

        Checklist = checklist;
        return true;
    }
}
