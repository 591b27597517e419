using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Delivery.Pages;

[Requires(PartnershipOperation.Manage)]
public sealed class WorkstreamModel(ConcordDb db, PartnershipScope scope, DeliveryService delivery) : PageModel
{
    public sealed class WorkstreamInput
    {
        public string? Title { get; set; }
        public string? Description { get; set; }
        public int Version { get; set; }
    }

    [BindProperty]
    public WorkstreamInput Input { get; set; } = new();

    public Partnership Partnership => scope.Partnership;
    public Workstream Workstream { get; private set; } = null!;

    /// <summary>Set after a stale save: the workstream as saved now.</summary>
    public Workstream? Saved { get; private set; }
    public int StartedFromVersion { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid workstreamId, CancellationToken ct)
    {
        if (!await LoadAsync(workstreamId, ct))
        {
            return NotFound();
        }

        Input = new WorkstreamInput { Title = Workstream.Title, Description = Workstream.Description, Version = Workstream.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid workstreamId, CancellationToken ct)
    {
        if (!await LoadAsync(workstreamId, ct))
        {
            return NotFound();
        }

        var result = await delivery.SaveWorkstreamAsync(scope, workstreamId, Input.Title, Input.Description, Input.Version, ct);
        if (result.Saved)
        {
            TempData["StatusMessage"] = "You saved the workstream.";
            return Redirect($"/partnerships/{scope.Id}/delivery#matrix");
        }

        if (result.Status == WriteStatus.Stale)
        {
            Saved = result.Current;
            StartedFromVersion = Input.Version;
            ModelState.Remove("Input.Version");
            Input.Version = Saved?.Version ?? Input.Version;
        }

        return this.Failed(result);
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid workstreamId, CancellationToken ct)
    {
        if (!await LoadAsync(workstreamId, ct))
        {
            return NotFound();
        }

        var result = await delivery.RemoveWorkstreamAsync(scope, workstreamId, ct);
        if (!result.Saved)
        {
            return this.Failed(result);
        }

        TempData["StatusMessage"] = $"You removed the workstream \u201c{Workstream.Title}\u201d.";
        return Redirect($"/partnerships/{scope.Id}/delivery");
    }

    private async Task<bool> LoadAsync(Guid workstreamId, CancellationToken ct)
    {
        var workstream = await db.Set<Workstream>().AsNoTracking().FirstOrDefaultAsync(w => w.Id == workstreamId && w.PartnershipId == scope.Id, ct);
        if (workstream is null)
        {
            return false;
        }

        Workstream = workstream;
        return true;
    }
}
