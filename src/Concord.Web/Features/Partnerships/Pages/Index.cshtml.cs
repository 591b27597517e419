using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Partnerships.Pages;

public sealed class IndexModel(ConcordDb db, CurrentUser user) : PageModel
{
    public sealed record Row(Guid Id, string Name, PartnershipStatus Status, string? LeadOrganisation, DateOnly? EndDate, PartnershipRole MyRole);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var me = user.Id;
        Rows = await db.Set<PartnershipMembership>().Where(m => m.AccountId == me)
            .OrderBy(m => m.Partnership!.Name)
            .Select(m => new Row(m.PartnershipId, m.Partnership!.Name, m.Partnership.Status, m.Partnership.LeadOrganisation!.Name, m.Partnership.EndDate, m.Role))
            .ToListAsync(ct);
    }
}
