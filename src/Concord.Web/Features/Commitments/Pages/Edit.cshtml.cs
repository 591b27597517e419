using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Commitments.Pages;

[Requires(PartnershipOperation.Contribute)]
public sealed class EditModel(ConcordDb db, PartnershipScope scope, CommitmentCommands commands) : PageModel
{
    [BindProperty]
    public CommitmentFields Input { get; set; } = new();

    [BindProperty]
    public int Version { get; set; }

    public Partnership Partnership => scope.Partnership;
    public Guid CommitmentId { get; private set; }
    public CommitmentChoices Choices { get; private set; } = null!;

    /// <summary>Set when someone else saved first: what is saved now, shown beside what the person typed.</summary>
    public Commitment? Saved { get; private set; }
    public int StartedFromVersion { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid commitmentId, CancellationToken ct)
    {
        var c = await db.Set<Commitment>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == commitmentId && x.PartnershipId == scope.Id, ct);
        if (c is null)
        {
            return NotFound();
        }

        CommitmentId = commitmentId;
        Choices = await CommitmentChoices.LoadAsync(db, scope.Id, ct);
        Input = new CommitmentFields { What = c.What, OwnerPartnerId = c.OwnerPartnerId, OwnerPersonId = c.OwnerPersonId, DueDate = c.DueDate, DoneWhen = c.DoneWhen, Source = c.Source };
        Version = c.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid commitmentId, CancellationToken ct)
    {
        CommitmentId = commitmentId;
        Choices = await CommitmentChoices.LoadAsync(db, scope.Id, ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await commands.UpdateAsync(scope, commitmentId, Input, Version, ct);
        if (result.Saved)
        {
            TempData["StatusMessage"] = "You saved the commitment.";
            return Redirect($"/partnerships/{scope.Id}/commitments/{commitmentId}");
        }

        if (result.Status == WriteStatus.Stale)
        {
            // Nothing of this edit was written: show both versions and let the person decide.
            Saved = result.Current;
            StartedFromVersion = Version;
            ModelState.Remove(nameof(Version));
            Version = Saved!.Version;
        }

        return this.Failed(result);
    }
}
