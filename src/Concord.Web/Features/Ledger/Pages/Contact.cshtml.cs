using Concord.Web.Features.Commitments.Pages;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Concord.Web.Features.Ledger.Pages;

public sealed class ContactModel(ConcordDb db, PartnershipAccess access, LedgerQueries queries, ContactMethods methods) : PageModel
{
    [BindProperty]
    public ContactMethodInput Input { get; set; } = new();

    public Partnership Partnership { get; private set; } = null!;
    public bool CanManage { get; private set; }
    public List<CommunicationMethodRow> Methods { get; private set; } = [];
    public IReadOnlyList<QuietWarning> Quiet { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Partners { get; private set; } = [];

    public IEnumerable<SelectListItem> Frequencies =>
        Enum.GetValues<ContactFrequency>().Select(f => new SelectListItem(
            f == ContactFrequency.EveryNDays ? "Every N days" : CadenceRules.Describe(new AgreedContact(Guid.Empty, "", f)), f.ToString()));

    private async Task<PartnershipContext?> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return null;
        }

        Partnership = found.Partnership;
        CanManage = found.CanManage;
        Methods = await queries.MethodsAsync(id, ct);
        Quiet = await queries.QuietAsync(id, ct);
        Partners = (await CommitmentChoices.LoadAsync(db, id, ct)).Partners;
        return found;
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) is null ? NotFound() : Page();

    [Requires(PartnershipOperation.View)]
    public IActionResult OnPost() => NotFound();

    [Requires(PartnershipOperation.Manage)]
    public async Task<IActionResult> OnPostAddAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is not { } found)
        {
            return NotFound();
        }

        if (!found.CanManage)
        {
            return Forbid();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var (method, errors) = await methods.AddAsync(id, Input, ct);
        if (method is null)
        {
            foreach (var (field, message) in errors)
            {
                ModelState.AddModelError("Input." + field, message);
            }

            return Page();
        }

        TempData["StatusMessage"] = "You agreed a way of keeping in touch.";
        return Redirect($"/partnerships/{id}/contact");
    }

    [Requires(PartnershipOperation.Manage)]
    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid methodId, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found || !await methods.ExistsAsync(id, methodId, ct))
        {
            return NotFound();
        }

        if (!found.CanManage)
        {
            return Forbid();
        }

        await methods.RemoveAsync(id, methodId, ct);
        TempData["StatusMessage"] = "You removed the way of keeping in touch.";
        return Redirect($"/partnerships/{id}/contact");
    }
}
