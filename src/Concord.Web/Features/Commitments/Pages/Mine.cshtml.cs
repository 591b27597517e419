using Concord.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.Commitments.Pages;

public sealed class MineModel(CommitmentQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? View { get; set; }

    public PagedList<CommitmentRow> Rows { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int? page, [FromQuery] int? pageSize, CancellationToken ct)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var request, out _))
        {
            return BadRequest();
        }

        View = View == "organisation" ? "organisation" : null;
        var status = CommitmentDisplay.TryParse(Status);
        Status = status?.ToString();
        Rows = await queries.MineAsync(View is null ? MyCommitments.Mine : MyCommitments.MyOrganisations, status, request, ct);
        return Request.IsHtmx() ? Partial("_MineResults", this) : Page();
    }

    public IActionResult OnPost() => NotFound();
}
