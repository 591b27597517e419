using Concord.Web.Features.Partnerships;
using Concord.Web.Features.Readiness;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Delivery.Pages;

[Requires(PartnershipOperation.Manage)]
public sealed class WorkstreamModel(ConcordDb db, PartnershipAccess access, DeliveryService delivery) : PageModel
{
    public sealed class WorkstreamInput
    {
        public string? Title { get; set; }
        public string? Description { get; set; }
        public int Version { get; set; }
    }

    [BindProperty]
    public WorkstreamInput Input { get; set; } = new();

    public Partnership Partnership { get; private set; } = null!;
    public Workstream Workstream { get; private set; } = null!;

    /// <summary>Set after a stale save: the workstream as saved now.</summary>
    public Workstream? Saved { get; private set; }
    public int StartedFromVersion { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid workstreamId, CancellationToken ct)
    {
        if (await LoadAsync(id, workstreamId, ct) is { } problem)
        {
            return problem;
        }

        Input = new WorkstreamInput { Title = Workstream.Title, Description = Workstream.Description, Version = Workstream.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid workstreamId, CancellationToken ct)
    {
        if (await LoadAsync(id, workstreamId, ct) is { } problem)
        {
            return problem;
        }

        var context = (await access.FindAsync(id, ct))!;
        var (_, result) = await delivery.SaveWorkstreamAsync(context, workstreamId, Input.Title, Input.Description, Input.Version, ct);
        switch (result.Status)
        {
            case WriteStatus.Ok:
                TempData["StatusMessage"] = "You saved the workstream.";
                return Redirect($"/partnerships/{id}/delivery#matrix");
            case WriteStatus.NotFound:
                return NotFound();
            case WriteStatus.Forbidden:
                return Forbid();
            case WriteStatus.Invalid:
                foreach (var (field, message) in result.Errors)
                {
                    ModelState.AddModelError("Input." + field, message);
                }

                return Page();
            default:
                db.ChangeTracker.Clear();
                Saved = await db.Set<Workstream>().AsNoTracking().FirstOrDefaultAsync(w => w.Id == workstreamId, ct);
                if (Saved is null)
                {
                    return NotFound();
                }

                StartedFromVersion = Input.Version;
                ModelState.Remove("Input.Version");
                Input.Version = Saved.Version;
                ModelState.AddModelError("", "Someone else changed this workstream while you were editing it. Your changes have not been saved. Compare the two versions below, then save again to replace theirs with yours, or cancel to keep theirs");
                return Page();
        }
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid workstreamId, CancellationToken ct)
    {
        if (await LoadAsync(id, workstreamId, ct) is { } problem)
        {
            return problem;
        }

        var context = (await access.FindAsync(id, ct))!;
        var result = await delivery.RemoveWorkstreamAsync(context, workstreamId, ct);
        if (result.Status != WriteStatus.Ok)
        {
            return result.Status == WriteStatus.Forbidden ? Forbid() : NotFound();
        }

        TempData["StatusMessage"] = $"You removed the workstream \u201c{Workstream.Title}\u201d.";
        return Redirect($"/partnerships/{id}/delivery");
    }

    private async Task<IActionResult?> LoadAsync(Guid id, Guid workstreamId, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return NotFound();
        }

        var workstream = await db.Set<Workstream>().AsNoTracking().FirstOrDefaultAsync(w => w.Id == workstreamId && w.PartnershipId == id, ct);
        if (workstream is null)
        {
            return NotFound();
        }

        if (!found.CanManage)
        {
            return Forbid();
        }

        (Partnership, Workstream) = (found.Partnership, workstream);
        return null;
    }
}
