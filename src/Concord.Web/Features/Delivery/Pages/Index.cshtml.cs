using Concord.Web.Features.Partnerships;
using Concord.Web.Features.Readiness;
using Concord.Web.Infrastructure.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.Delivery.Pages;

public sealed class IndexModel(PartnershipAccess access, DeliveryService delivery) : PageModel
{
    public sealed class CellInput
    {
        public Guid WorkstreamId { get; set; }
        public Guid PartnerId { get; set; }
        public string? Role { get; set; }
    }

    public sealed class WorkstreamInput
    {
        public string? Title { get; set; }
        public string? Description { get; set; }
    }

    [BindProperty]
    public List<CellInput> Cells { get; set; } = [];

    [BindProperty]
    public WorkstreamInput Workstream { get; set; } = new();

    public PartnershipContext Context { get; private set; } = null!;
    public Partnership Partnership => Context.Partnership;
    public DeliveryModel Delivery { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    [Requires(PartnershipOperation.View)]
    public IActionResult OnPost() => NotFound();

    [Requires(PartnershipOperation.Manage)]
    public async Task<IActionResult> OnPostMatrixAsync(Guid id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return NotFound();
        }

        if (!found.CanManage)
        {
            return Forbid();
        }

        var changes = new List<(Guid, Guid, RaciRole?)>();
        foreach (var cell in Cells)
        {
            if (!DeliveryService.TryParseRole(cell.Role, out var role))
            {
                ModelState.AddModelError("", "Choose R, A, C, I or nothing in each cell");
                return await LoadAsync(id, ct) ? Page() : NotFound();
            }

            changes.Add((cell.WorkstreamId, cell.PartnerId, role));
        }

        var result = await delivery.SetCellsAsync(found, changes, ct);
        if (result.Status == WriteStatus.Invalid)
        {
            // A partner left or a workstream was removed since the page was loaded.
            ModelState.AddModelError("", "The matrix changed while you were editing it: a partner or workstream is no longer there. Check the matrix and save again");
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }

        TempData["StatusMessage"] = "You saved the responsibility matrix.";
        return Redirect($"/partnerships/{id}/delivery#matrix");
    }

    [Requires(PartnershipOperation.Manage)]
    public async Task<IActionResult> OnPostAddWorkstreamAsync(Guid id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return NotFound();
        }

        var (workstream, result) = await delivery.SaveWorkstreamAsync(found, null, Workstream.Title, Workstream.Description, null, ct);
        if (result.Status == WriteStatus.Forbidden)
        {
            return Forbid();
        }

        if (workstream is null)
        {
            foreach (var (field, message) in result.Errors)
            {
                ModelState.AddModelError("Workstream." + field, message);
            }

            return await LoadAsync(id, ct) ? Page() : NotFound();
        }

        TempData["StatusMessage"] = $"You added the workstream \u201c{workstream.Title}\u201d. Now say who is responsible and who is accountable for it.";
        return Redirect($"/partnerships/{id}/delivery#matrix");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return false;
        }

        Context = found;
        Delivery = await delivery.LoadAsync(id, ct);
        return true;
    }
}
