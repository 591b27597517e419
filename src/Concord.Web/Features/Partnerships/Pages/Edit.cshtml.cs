using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Partnerships.Pages;

[Requires(PartnershipOperation.Manage)]
public sealed class EditModel(ConcordDb db, PartnershipAccess access, PartnershipCommands commands) : PageModel
{
    [BindProperty]
    public PartnershipInput Input { get; set; } = new();

    public Partnership Partnership { get; private set; } = null!;

    /// <summary>Set when someone else saved first: what is saved now, shown beside what the person typed.</summary>
    public Partnership? Saved { get; private set; }
    public int StartedFromVersion { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return NotFound();
        }

        if (!found.CanManage)
        {
            return Forbid();
        }

        Partnership = found.Partnership;
        var p = found.Partnership;
        Input = new PartnershipInput
        {
            Name = p.Name,
            Purpose = p.Purpose,
            Beneficiaries = p.Beneficiaries,
            Area = p.Area,
            StartDate = p.StartDate,
            EndDate = p.EndDate,
            Funder = p.Funder,
            Status = p.Status,
            Version = p.Version,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return NotFound();
        }

        if (!found.CanManage)
        {
            return Forbid();
        }

        Partnership = found.Partnership;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var outcome = await commands.UpdateAsync(found.Partnership, Input.Fields(), Input.Status, Input.Version, ct);
            if (!outcome.Succeeded)
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
            // Someone saved first: nothing of this edit was written. Show both versions and let the person decide.
            db.ChangeTracker.Clear();
            Saved = await db.Set<Partnership>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
            if (Saved is null)
            {
                return NotFound();
            }

            StartedFromVersion = Input.Version;
            Partnership = Saved;
            ModelState.Remove("Input.Version");
            Input.Version = Saved.Version;
            ModelState.AddModelError("", "Someone else changed this partnership while you were editing it. Your changes have not been saved. Compare the two versions below, then save again to replace theirs with yours, or cancel to keep theirs");
            return Page();
        }

        TempData["StatusMessage"] = "You saved the partnership's details.";
        return Redirect($"/partnerships/{id}");
    }
}
