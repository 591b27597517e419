using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Partnerships.Pages;

/// <summary>A coordinator sets a partner's lead contact (one of the partnership's members who represent it) and the date it left.</summary>
[Requires(PartnershipOperation.Manage)]
public sealed class PartnerModel(ConcordDb db, PartnershipScope scope, PartnershipCommands commands) : PageModel
{
    public sealed class PartnerInput
    {
        public Guid? LeadContactId { get; set; }
        public DateOnly? LeftOn { get; set; }
        public int Version { get; set; }
    }

    [BindProperty]
    public PartnerInput Input { get; set; } = new();

    public Partnership Partnership => scope.Partnership;
    public Partner Partner { get; private set; } = null!;
    public IReadOnlyList<SelectListItem> Contacts { get; private set; } = [];

    /// <summary>Set when someone else saved first: what is saved now, shown beside what the person typed.</summary>
    public Partner? Saved { get; private set; }
    public int StartedFromVersion { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid partnerId, CancellationToken ct)
    {
        if (!await LoadAsync(partnerId, ct))
        {
            return NotFound();
        }

        Input = new PartnerInput { LeadContactId = Partner.LeadContactId, LeftOn = Partner.LeftOn, Version = Partner.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid partnerId, CancellationToken ct)
    {
        if (!await LoadAsync(partnerId, ct))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await commands.UpdatePartnerAsync(scope, partnerId, Input.LeadContactId, Input.LeftOn, Input.Version, ct);
        if (result.Saved)
        {
            TempData["StatusMessage"] = "You saved the partner's details.";
            return Redirect($"/partnerships/{scope.Id}#partners");
        }

        if (result.Status == WriteStatus.Stale)
        {
            Saved = result.Current;
            StartedFromVersion = Input.Version;
            ModelState.Remove("Input.Version");
            Input.Version = Saved!.Version;
        }

        return this.Failed(result);
    }

    public string? ContactName(Guid? id) => id is null ? "No lead contact" : Contacts.FirstOrDefault(c => c.Value == id.ToString())?.Text ?? "Someone no longer in the partnership";

    private async Task<bool> LoadAsync(Guid partnerId, CancellationToken ct)
    {
        var partner = await db.Set<Partner>().AsNoTracking().Include(p => p.Organisation)
            .FirstOrDefaultAsync(p => p.Id == partnerId && p.PartnershipId == scope.Id, ct);
        if (partner is null)
        {
            return false;
        }

        Partner = partner;
        Contacts = await commands.PossibleLeadContacts(scope, partner.OrganisationId)
            .OrderBy(m => m.Account!.DisplayName)
            .Select(m => new SelectListItem(m.Account!.DisplayName == "" ? m.Account.Email : m.Account.DisplayName, m.AccountId.ToString()))
            .ToListAsync(ct);
        return true;
    }
}
