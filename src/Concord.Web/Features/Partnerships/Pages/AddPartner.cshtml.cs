using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Time;
using Concord.Web.Infrastructure.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Partnerships.Pages;

[Requires(PartnershipOperation.Manage)]
public sealed class AddPartnerModel(PartnershipScope scope, PartnershipCommands commands, TimeProvider clock) : PageModel
{
    public sealed class PartnerInput
    {
        public Guid? OrganisationId { get; set; }
        public PartnerRole Role { get; set; } = PartnerRole.Delivery;
        public DateOnly? JoinedOn { get; set; }
    }

    [BindProperty]
    public PartnerInput Input { get; set; } = new();

    public Partnership Partnership => scope.Partnership;
    public IReadOnlyList<SelectListItem> Choices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Input.JoinedOn = London.Today(clock);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        var result = await commands.AddPartnerAsync(scope, Input.OrganisationId, Input.Role, Input.JoinedOn, ct);
        if (result.Saved)
        {
            TempData["StatusMessage"] = "You added the partner. Next, add its people and choose its lead contact.";
            return Redirect($"/partnerships/{scope.Id}#partners");
        }

        await LoadAsync(ct);
        return this.Failed(result);
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Choices = await commands.PossiblePartners(scope).OrderBy(o => o.Name).Take(2000)
            .Select(o => new SelectListItem(o.Name, o.Id.ToString()))
            .ToListAsync(ct);
}
