using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Guidance.Pages;

/// <summary>One adopted checklist; members who contribute (everyone but observers) tick items.</summary>
public sealed class ChecklistModel(ConcordDb db, PartnershipAccess access, GuidanceCommands commands) : PageModel
{
    public PartnershipContext Context { get; private set; } = null!;
    public PartnershipChecklist Checklist { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid checklistId, CancellationToken ct) =>
        await LoadAsync(id, checklistId, ct) ? Page() : NotFound();

    [Requires(PartnershipOperation.View)]
    public IActionResult OnPost() => NotFound();

    [Requires(PartnershipOperation.Contribute)]
    public async Task<IActionResult> OnPostTickAsync(Guid id, Guid checklistId, Guid itemId, bool ticked, string? note, CancellationToken ct)
    {
        if (!await LoadAsync(id, checklistId, ct))
        {
            return NotFound();
        }

        if (!Context.CanContribute)
        {
            return Forbid();
        }

        var (item, outcome) = await commands.TickAsync(id, checklistId, itemId, ticked, note, ct);
        if (item is null)
        {
            foreach (var (field, message) in outcome.Errors)
            {
                ModelState.AddModelError(field, message);
            }

            await LoadAsync(id, checklistId, ct);
            return Page();
        }

        TempData["StatusMessage"] = ticked ? $"Marked done: {item.Text}" : $"Marked not done: {item.Text}";
        return Redirect($"/partnerships/{id}/checklists/{checklistId}");
    }

    private async Task<bool> LoadAsync(Guid id, Guid checklistId, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return false;
        }

        Context = found;
        var checklist = await db.Set<PartnershipChecklist>().AsNoTracking()
            .Include(c => c.ItemsList).ThenInclude(i => i.TickedBy)
            .FirstOrDefaultAsync(c => c.Id == checklistId && c.PartnershipId == id, ct);
        if (checklist is null)
        {
            return false;
        }

        Checklist = checklist;
        return true;
    }
}
