using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Organisations.Pages;

public sealed class IndexModel(ConcordDb db, CurrentUser user, OrganisationAccess access) : PageModel
{
    public sealed record Row(Guid Id, string Name, OrganisationType Type, OrganisationRole? MyRole);

    public PagedList<Row> List { get; private set; } = new([], 1, PageRequest.DefaultSize, 0);
    public IReadOnlyList<Row> Rows => List.Items;
    public Shared.Pager Pager => Shared.Pager.For(List, Request, "organisation", "Pages of organisations");
    public bool IsNetworkAdmin => user.IsNetworkAdmin;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int? page, [FromQuery] int? pageSize, CancellationToken ct)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var request, out _))
        {
            return BadRequest();
        }

        var query = user.IsNetworkAdmin ? db.Set<Organisation>() : access.MyOrganisations();
        if (user.IsNetworkAdmin && OrganisationRules.Tidy(Q) is { } search)
        {
            var pattern = "%" + search.ToLowerInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            query = query.Where(o => EF.Functions.Like(o.Name.ToLower(), pattern, "\\"));
        }

        var total = await query.CountAsync(ct);
        var me = user.Id;
        var rows = await query.OrderBy(o => o.Name).ThenBy(o => o.Id)
            .Skip(request.Skip).Take(request.Size)
            .Select(o => new Row(o.Id, o.Name, o.Type,
                db.Set<OrganisationMembership>().Where(m => m.OrganisationId == o.Id && m.AccountId == me).Select(m => (OrganisationRole?)m.Role).FirstOrDefault()))
            .ToListAsync(ct);
        List = request.Of(rows, total);
        return Page();
    }
}
