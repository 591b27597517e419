using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.Commitments.Pages;

public sealed class MineModel(CommitmentQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? View { get; set; }

    public List<CommitmentRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        View = View == "organisation" ? "organisation" : null;
        CommitmentStatus? status = Enum.TryParse<CommitmentStatus>(Status, true, out var s) && Enum.IsDefined(s) ? s : null;
        Status = status?.ToString();
        Rows = await queries.ListAsync(View is null ? CommitmentScope.Mine : CommitmentScope.MyOrganisations, null, status, ct);
        return Page();
    }

    public IActionResult OnPost() => NotFound();
}
