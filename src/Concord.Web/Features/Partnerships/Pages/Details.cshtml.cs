using Concord.Web.Infrastructure.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Partnerships.Pages;

/// <summary>
/// The partnership home: its summary, every feature's section, and a compact list of partners and people.
/// Managing people (roles, removing, adding) is on its own page, <see cref="PeopleModel"/>.
/// </summary>
public sealed class DetailsModel(PartnershipScope scope, PartnershipQueries queries) : PageModel
{
    public PartnershipScope Scope => scope;
    public Partnership Partnership => scope.Partnership;
    public bool CanManage => scope.Can(PartnershipOperation.Manage);
    public bool CanExport => scope.Can(PartnershipOperation.Export);
    public string? LeadOrganisation { get; private set; }
    public IReadOnlyList<PartnerRow> Partners { get; private set; } = [];
    public IReadOnlyList<MemberRow> People { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        LeadOrganisation = await queries.LeadOrganisationAsync(scope, ct);
        Partners = await queries.Partners(scope).ToListAsync(ct);
        // Names and roles only: e-mail addresses are on the people page (whose read is recorded in the audit trail).
        People = (await queries.Members(scope).ToListAsync(ct)).Select(m => m with { Email = null }).ToList();
        return Page();
    }

    /// <summary>A form post without a handler name matches nothing here: 404, the same for members and everyone else.</summary>
    [Requires(PartnershipOperation.View)]
    public IActionResult OnPost() => NotFound();
}
