using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Organisations.Pages;

public sealed class IndexModel(ConcordDb db, CurrentUser user, OrganisationAccess access) : PageModel
{
    public const int PageSize = 25;

    public sealed record Row(Guid Id, string Name, OrganisationType Type, OrganisationRole? MyRole);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public bool IsNetworkAdmin => user.IsNetworkAdmin;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(Name = "page", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Max(1, PageNumber);
        var query = user.IsNetworkAdmin ? db.Set<Organisation>() : access.MyOrganisations();
        if (user.IsNetworkAdmin && OrganisationRules.Tidy(Q) is { } search)
        {
            var pattern = "%" + search.ToLowerInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            query = query.Where(o => EF.Functions.Like(o.Name.ToLower(), pattern, "\\"));
        }

        Total = await query.CountAsync(ct);
        var me = user.Id;
        Rows = await query.OrderBy(o => o.Name).ThenBy(o => o.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(o => new Row(o.Id, o.Name, o.Type,
                db.Set<OrganisationMembership>().Where(m => m.OrganisationId == o.Id && m.AccountId == me).Select(m => (OrganisationRole?)m.Role).FirstOrDefault()))
            .ToListAsync(ct);
    }

    public string PageLink(int page) =>
        "/organisations?page=" + page + (string.IsNullOrWhiteSpace(Q) ? "" : "&q=" + Uri.EscapeDataString(Q));
}
