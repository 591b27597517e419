using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Commitments.Pages;

public sealed class StatusUpdateInput
{
    public CommitmentStatus? Status { get; set; }
    public DateOnly? Date { get; set; }
    public string? Note { get; set; }
}

public sealed class DetailsModel(ConcordDb db, PartnershipAccess access, CommitmentQueries queries, CommitmentCommands commands) : PageModel
{
    public CommitmentRow Commitment { get; private set; } = null!;
    public bool CanContribute { get; private set; }
    public List<CommitmentUpdate> Updates { get; private set; } = [];

    [BindProperty]
    public StatusUpdateInput Update { get; set; } = new();

    private async Task<bool> LoadAsync(Guid id, Guid commitmentId, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found || await queries.FindAsync(id, commitmentId, ct) is not { } row)
        {
            return false;
        }

        CanContribute = found.CanContribute;
        Commitment = row;
        Updates = await queries.UpdatesAsync(commitmentId, ct);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid commitmentId, CancellationToken ct)
    {
        if (!await LoadAsync(id, commitmentId, ct))
        {
            return NotFound();
        }

        Update.Date = queries.Today;
        return Page();
    }

    public IActionResult OnPost() => NotFound();

    public async Task<IActionResult> OnPostStatusAsync(Guid id, Guid commitmentId, CancellationToken ct)
    {
        if (!await LoadAsync(id, commitmentId, ct))
        {
            return NotFound();
        }

        if (!CanContribute)
        {
            return Forbid();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var commitment = await db.Set<Commitment>().FirstAsync(c => c.Id == commitmentId && c.PartnershipId == id, ct);
        var (update, errors) = await commands.ReportStatusAsync(commitment, Update.Status, Update.Date, Update.Note, null, ct);
        if (update is null)
        {
            foreach (var (field, message) in errors)
            {
                ModelState.AddModelError("Update." + field, message);
            }

            return Page();
        }

        TempData["StatusMessage"] = $"You recorded the commitment as {CommitmentDisplay.Status(update.Status).ToLowerInvariant()}.";
        return Redirect($"/partnerships/{id}/commitments/{commitmentId}");
    }
}
