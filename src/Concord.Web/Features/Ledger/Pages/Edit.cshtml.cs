using Concord.Web.Features.Commitments.Pages;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Concord.Web.Features.Ledger.Pages;

/// <summary>Changes an agreed way of keeping in touch (coordinators). A stale save is refused with 409 and shows both versions.</summary>
[Requires(PartnershipOperation.Manage)]
public sealed class EditModel(ConcordDb db, PartnershipScope scope, LedgerQueries queries, ContactMethods methods) : PageModel
{
    [BindProperty]
    public ContactMethodInput Input { get; set; } = new();

    [BindProperty]
    public int Version { get; set; }

    public Partnership Partnership => scope.Partnership;
    public Guid MethodId { get; private set; }
    public IReadOnlyList<SelectListItem> Partners { get; private set; } = [];

    /// <summary>Set when someone else saved first: what is saved now, shown beside what the person typed.</summary>
    public CommunicationMethodRow? Saved { get; private set; }
    public int StartedFromVersion { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid methodId, CancellationToken ct)
    {
        if (await queries.MethodAsync(scope, methodId, ct) is not { } m)
        {
            return NotFound();
        }

        MethodId = methodId;
        Partners = (await CommitmentChoices.LoadAsync(db, scope.Id, ct)).Partners;
        Input = new ContactMethodInput { PartnerId = m.PartnerId, Channel = m.Channel, Frequency = m.Frequency, EveryDays = m.EveryDays, Contacts = m.Contacts };
        Version = m.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid methodId, CancellationToken ct)
    {
        MethodId = methodId;
        Partners = (await CommitmentChoices.LoadAsync(db, scope.Id, ct)).Partners;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await methods.UpdateAsync(scope, methodId, Input, Version, ct);
        if (result.Saved)
        {
            TempData["StatusMessage"] = "You saved the way of keeping in touch.";
            return Redirect($"/partnerships/{scope.Id}/contact");
        }

        if (result.Status == WriteStatus.Stale)
        {
            // Nothing of this edit was written: show both versions and let the person decide.
            Saved = await queries.MethodAsync(scope, methodId, ct);
            StartedFromVersion = Version;
            ModelState.Remove(nameof(Version));
            Version = Saved?.Version ?? Version;
        }

        return this.Failed(result);
    }
}
