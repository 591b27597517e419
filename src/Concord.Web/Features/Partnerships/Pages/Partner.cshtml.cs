using Concord.Web.Features.Audit;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Partnerships.Pages;

/// <summary>A coordinator sets a partner's lead contact (one of the partnership's members who represent it) and the date it left.</summary>
[Requires(PartnershipOperation.Manage)]
public sealed class PartnerModel(ConcordDb db, PartnershipAccess access, Auditor auditor) : PageModel
{
    public sealed class PartnerInput
    {
        public Guid? LeadContactId { get; set; }
        public DateOnly? LeftOn { get; set; }
    }

    [BindProperty]
    public PartnerInput Input { get; set; } = new();

    public Partnership Partnership { get; private set; } = null!;
    public Partner Partner { get; private set; } = null!;
    public IReadOnlyList<SelectListItem> Contacts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, Guid partnerId, CancellationToken ct)
    {
        var result = await LoadAsync(id, partnerId, ct);
        if (result is not null)
        {
            return result;
        }

        Input = new PartnerInput { LeadContactId = Partner.LeadContactId, LeftOn = Partner.LeftOn };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid partnerId, CancellationToken ct)
    {
        var result = await LoadAsync(id, partnerId, ct);
        if (result is not null)
        {
            return result;
        }

        if (ModelState.TryGetValue("Input.LeftOn", out var left) && left.Errors.Count > 0)
        {
            left.Errors.Clear();
            left.Errors.Add("Enter a real date, like 22/11/2026");
        }

        if (Input.LeadContactId is { } contact && !Contacts.Any(c => Guid.TryParse(c.Value, out var id) && id == contact))
        {
            ModelState.AddModelError("Input.LeadContactId", "Choose a member of the partnership who represents this organisation");
        }

        if (Input.LeftOn is { } leftOn && leftOn < Partner.JoinedOn)
        {
            ModelState.AddModelError("Input.LeftOn", $"The date it left must be on or after the date it joined, {Shared.Display.Date(Partner.JoinedOn)}");
        }

        if (Input.LeftOn is not null && Partner.OrganisationId == Partnership.LeadOrganisationId)
        {
            ModelState.AddModelError("Input.LeftOn", "The lead organisation cannot leave the partnership");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        auditor.Record(AuditActions.PartnershipChanged, nameof(Partner), Partner.Id, organisationId: Partner.OrganisationId, partnershipId: id,
            details: $"Lead contact {Partner.LeadContactId?.ToString() ?? "none"} to {Input.LeadContactId?.ToString() ?? "none"}; left {Partner.LeftOn?.ToString("yyyy-MM-dd") ?? "no"} to {Input.LeftOn?.ToString("yyyy-MM-dd") ?? "no"}");
        Partner.LeadContactId = Input.LeadContactId;
        Partner.LeftOn = Input.LeftOn;
        await db.SaveChangesAsync(ct);
        TempData["StatusMessage"] = "You saved the partner's details.";
        return Redirect($"/partnerships/{id}#partners");
    }

    private async Task<IActionResult?> LoadAsync(Guid id, Guid partnerId, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return NotFound();
        }

        Partnership = found.Partnership;
        var partner = await db.Set<Partner>().Include(p => p.Organisation).FirstOrDefaultAsync(p => p.Id == partnerId && p.PartnershipId == id, ct);
        if (partner is null)
        {
            return NotFound();
        }

        if (!found.CanManage)
        {
            return Forbid();
        }

        Partner = partner;
        Contacts = await db.Set<PartnershipMembership>()
            .Where(m => m.PartnershipId == id && m.OrganisationId == partner.OrganisationId)
            .OrderBy(m => m.Account!.DisplayName)
            .Select(m => new SelectListItem(m.Account!.DisplayName == "" ? m.Account.Email : m.Account.DisplayName, m.AccountId.ToString()))
            .ToListAsync(ct);
        return null;
    }
}
