using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Export;
using Concord.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.Commitments.Pages;

public sealed class IndexModel(PartnershipScope scope, CommitmentQueries queries) : PageModel
{
    public Partnership Partnership => scope.Partnership;
    public bool CanContribute => scope.Can(PartnershipOperation.Contribute);
    public PagedList<CommitmentRow> Rows { get; private set; } = null!;
    public List<PartnerDeliveryRow> OnTime { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    public CommitmentStatus? StatusFilter => CommitmentDisplay.TryParse(Status);

    /// <summary>The list page. A filter change from htmx gets only the results (table and pager); without JavaScript the whole page.</summary>
    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int? page, [FromQuery] int? pageSize, CancellationToken ct)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var request, out _))
        {
            return BadRequest();
        }

        Status = StatusFilter?.ToString();
        Rows = await queries.ListAsync(scope, StatusFilter, request, ct);
        if (Request.IsHtmx())
        {
            return Partial("_CommitmentResults", this);
        }

        OnTime = await queries.OnTimeAsync(scope, ct);
        return Page();
    }

    public IActionResult OnGetCsv() => new ResultAction(CommitmentsApi.Csv(scope, queries));

    public IActionResult OnGetJson() => new ResultAction(CommitmentsApi.Json(scope, queries));

    /// <summary>A form post without a handler name matches nothing here.</summary>
    [Requires(PartnershipOperation.View)]
    public IActionResult OnPost() => NotFound();
}
