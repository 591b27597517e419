using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.Delivery.Pages;

public sealed class IndexModel(PartnershipScope scope, DeliveryService delivery) : PageModel
{
    public sealed class CellInput
    {
        public Guid WorkstreamId { get; set; }
        public Guid PartnerId { get; set; }
        /// <summary>The ticked roles (letters R, A, C, I); none ticked empties the cell.</summary>
        public List<string> Roles { get; set; } = [];
        /// <summary>The version of the cell's workstream the grid was read at.</summary>
        public int? Version { get; set; }
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

    public PartnershipScope Scope => scope;
    public Partnership Partnership => scope.Partnership;
    public DeliveryModel Delivery { get; private set; } = null!;

    /// <summary>After a stale grid save: each cell the person changed, what they chose beside what is saved now.</summary>
    public IReadOnlyList<(string Field, string? Yours, string? Saved)> Conflict { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Delivery = await delivery.LoadAsync(scope.Id, ct);
        return Page();
    }

    [Requires(PartnershipOperation.View)]
    public IActionResult OnPost() => NotFound();

    [Requires(PartnershipOperation.Manage)]
    public async Task<IActionResult> OnPostMatrixAsync(CancellationToken ct)
    {
        var changes = new List<CellChange>();
        foreach (var cell in Cells)
        {
            if (!DeliveryService.TryParseRoles(string.Join(' ', cell.Roles), out var roles))
            {
                ModelState.AddModelError("", "Tick R, A, C or I, or nothing, in each cell");
                Delivery = await delivery.LoadAsync(scope.Id, ct);
                return Page();
            }

            changes.Add(new CellChange(cell.WorkstreamId, cell.PartnerId, roles, cell.Version));
        }

        var result = await delivery.SetCellsAsync(scope, changes, ct);
        if (result.Saved)
        {
            TempData["StatusMessage"] = "You saved the responsibility matrix.";
            return Redirect($"/partnerships/{scope.Id}/delivery#matrix");
        }

        Delivery = result.Current ?? await delivery.LoadAsync(scope.Id, ct);
        if (result.Status == WriteStatus.Stale)
        {
            Conflict = ConflictRows(changes, Delivery);
            ModelState.Clear();
        }
        else if (result.Status == WriteStatus.Invalid)
        {
            // A partner left or a workstream was removed since the page was loaded.
            ModelState.AddModelError("", "The matrix changed while you were editing it: a partner or workstream is no longer there. Check the matrix and save again");
            return Page();
        }

        return this.Failed(result, "");
    }

    private static List<(string, string?, string?)> ConflictRows(IEnumerable<CellChange> changes, DeliveryModel saved)
    {
        return changes
            .Select(c => (Change: c, Workstream: saved.Workstreams.FirstOrDefault(w => w.Id == c.WorkstreamId), Partner: saved.Partners.FirstOrDefault(p => p.Id == c.PartnerId)))
            .Where(x => x.Workstream is not null && x.Partner is not null && !x.Change.Roles.SetEquals(saved.RolesOf(x.Change.WorkstreamId, x.Change.PartnerId)))
            .Select(x => ($"{x.Workstream!.Title}: {x.Partner!.Name}", DeliveryService.Names(x.Change.Roles), DeliveryService.Names(saved.RolesOf(x.Change.WorkstreamId, x.Change.PartnerId))))
            .ToList();
    }

    [Requires(PartnershipOperation.Manage)]
    public async Task<IActionResult> OnPostAddWorkstreamAsync(CancellationToken ct)
    {
        var result = await delivery.SaveWorkstreamAsync(scope, null, Workstream.Title, Workstream.Description, null, ct);
        if (result.Saved)
        {
            TempData["StatusMessage"] = $"You added the workstream \u201c{result.Value!.Title}\u201d. Now say who is responsible and who is accountable for it.";
            return Redirect($"/partnerships/{scope.Id}/delivery#matrix");
        }

        Delivery = await delivery.LoadAsync(scope.Id, ct);
        return this.Failed(result, "Workstream");
    }
}
