using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Commitments.Pages;

public sealed class EditModel(ConcordDb db, PartnershipAccess access, CommitmentCommands commands) : PageModel
{
    [BindProperty]
    public CommitmentFields Input { get; set; } = new();

    [BindProperty]
    public int Version { get; set; }

    public Partnership Partnership { get; private set; } = null!;
    public Guid CommitmentId { get; private set; }
    public CommitmentChoices Choices { get; private set; } = null!;

    /// <summary>Set when someone else saved first: what is saved now, shown beside what the person typed.</summary>
    public Commitment? Saved { get; private set; }
    public int StartedFromVersion { get; private set; }

    private async Task<(IActionResult? Refused, Commitment? Commitment)> LoadAsync(Guid id, Guid commitmentId, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return (NotFound(), null);
        }

        var commitment = await db.Set<Commitment>().FirstOrDefaultAsync(c => c.Id == commitmentId && c.PartnershipId == id, ct);
        if (commitment is null)
        {
            return (NotFound(), null);
        }

        if (!found.CanContribute)
        {
            return (Forbid(), null);
        }

        Partnership = found.Partnership;
        CommitmentId = commitmentId;
        Choices = await CommitmentChoices.LoadAsync(db, id, ct);
        return (null, commitment);
    }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid commitmentId, CancellationToken ct)
    {
        var (refused, c) = await LoadAsync(id, commitmentId, ct);
        if (refused is not null)
        {
            return refused;
        }

        Input = new CommitmentFields { What = c!.What, OwnerPartnerId = c.OwnerPartnerId, OwnerPersonId = c.OwnerPersonId, DueDate = c.DueDate, DoneWhen = c.DoneWhen, Source = c.Source };
        Version = c.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid commitmentId, CancellationToken ct)
    {
        var (refused, commitment) = await LoadAsync(id, commitmentId, ct);
        if (refused is not null)
        {
            return refused;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var errors = await commands.UpdateAsync(commitment!, Input, Version, ct);
            if (errors.Count > 0)
            {
                foreach (var (field, message) in errors)
                {
                    ModelState.AddModelError("Input." + field, message);
                }

                return Page();
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved first: nothing of this edit was written. Show both versions and let the person decide.
            db.ChangeTracker.Clear();
            Saved = await db.Set<Commitment>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == commitmentId, ct);
            if (Saved is null)
            {
                return NotFound();
            }

            StartedFromVersion = Version;
            ModelState.Remove(nameof(Version));
            Version = Saved.Version;
            ModelState.AddModelError("", "Someone else changed this commitment while you were editing it. Your changes have not been saved. Compare the two versions below, then save again to replace theirs with yours, or cancel to keep theirs");
            return Page();
        }

        TempData["StatusMessage"] = "You saved the commitment.";
        return Redirect($"/partnerships/{id}/commitments/{commitmentId}");
    }
}
