using Concord.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.Partnerships.Pages;

public sealed class IndexModel(PartnershipQueries queries, PartnershipCommands commands) : PageModel
{
    public bool CanStart { get; private set; }

    public PagedList<MyPartnershipRow> List { get; private set; } = new([], 1, PageRequest.DefaultSize, 0);
    public Shared.Pager Pager => Shared.Pager.For(List, Request, "partnership", "Pages of partnerships");

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int? page, [FromQuery] int? pageSize, CancellationToken ct)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var request, out _))
        {
            return BadRequest();
        }

        List = await queries.MineAsync(request, ct);
        CanStart = await commands.CanStartAsync(ct);
        return Page();
    }
}
