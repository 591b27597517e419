using Concord.Web.Features.Commitments.Pages;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Concord.Web.Features.Ledger.Pages;

/// <summary>The agreed ways of keeping in touch: everyone reads them; coordinators (Manage) agree, change and remove them.</summary>
public sealed class ContactModel(ConcordDb db, PartnershipScope scope, LedgerQueries queries, ContactMethods methods) : PageModel
{
    [BindProperty]
    public ContactMethodInput Input { get; set; } = new();

    public Partnership Partnership => scope.Partnership;
    public bool CanManage => scope.Can(PartnershipOperation.Manage);
    public List<CommunicationMethodRow> Methods { get; private set; } = [];
    public IReadOnlyList<QuietWarning> Quiet { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Partners { get; private set; } = [];

    public static IEnumerable<SelectListItem> Frequencies =>
        Enum.GetValues<ContactFrequency>().Select(f => new SelectListItem(
            f == ContactFrequency.EveryNDays ? "Every N days" : CadenceRules.Describe(new AgreedContact(Guid.Empty, "", f)), f.ToString()));

    private async Task LoadAsync(CancellationToken ct)
    {
        Methods = await queries.MethodsAsync(scope, ct);
        Quiet = await queries.QuietAsync(scope.Id, ct);
        Partners = (await CommitmentChoices.LoadAsync(db, scope.Id, ct)).Partners;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    [Requires(PartnershipOperation.View)]
    public IActionResult OnPost() => NotFound();

    [Requires(PartnershipOperation.Manage)]
    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await methods.AddAsync(scope, Input, ct);
        if (!result.Saved)
        {
            return this.Failed(result);
        }

        TempData["StatusMessage"] = "You agreed a way of keeping in touch.";
        return Redirect($"/partnerships/{scope.Id}/contact");
    }

    /// <summary>Removes a way of keeping in touch; one changed since the page was read is not removed (409, the page again).</summary>
    [Requires(PartnershipOperation.Manage)]
    public async Task<IActionResult> OnPostRemoveAsync(Guid methodId, int? version, CancellationToken ct)
    {
        var result = await methods.RemoveAsync(scope, methodId, version, ct);
        if (result.Saved)
        {
            TempData["StatusMessage"] = "You removed the way of keeping in touch.";
            return Redirect($"/partnerships/{scope.Id}/contact");
        }

        await LoadAsync(ct);
        ModelState.Clear();
        return this.Failed(result);
    }
}
