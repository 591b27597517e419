using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Partnerships.Pages;

[Requires(PartnershipOperation.Manage)]
public sealed class AddPartnerModel(PartnershipAccess access, PartnershipCommands commands, TimeProvider clock) : PageModel
{
    public sealed class PartnerInput
    {
        public Guid? OrganisationId { get; set; }
        public PartnerRole Role { get; set; } = PartnerRole.Delivery;
        public DateOnly? JoinedOn { get; set; }
    }

    [BindProperty]
    public PartnerInput Input { get; set; } = new();

    public Partnership Partnership { get; private set; } = null!;
    public IReadOnlyList<SelectListItem> Choices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return NotFound();
        }

        if (!found.CanManage)
        {
            return Forbid();
        }

        Partnership = found.Partnership;
        Input.JoinedOn = London.Today(clock);
        await LoadAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return NotFound();
        }

        if (!found.CanManage)
        {
            return Forbid();
        }

        Partnership = found.Partnership;
        if (ModelState.TryGetValue("Input.JoinedOn", out var joined) && joined.Errors.Count > 0)
        {
            joined.Errors.Clear();
            joined.Errors.Add("Enter a real date, like 22/11/2026");
        }

        if (ModelState.IsValid)
        {
            var (partner, outcome) = await commands.AddPartnerAsync(id, Input.OrganisationId, Input.Role, Input.JoinedOn, ct);
            if (partner is not null)
            {
                TempData["StatusMessage"] = "You added the partner. Next, add its people and choose its lead contact.";
                return Redirect($"/partnerships/{id}#partners");
            }

            foreach (var (field, message) in outcome.Errors)
            {
                ModelState.AddModelError("Input." + field, message);
            }
        }

        await LoadAsync(id, ct);
        return Page();
    }

    private async Task LoadAsync(Guid id, CancellationToken ct) =>
        Choices = await commands.PossiblePartners(id).OrderBy(o => o.Name).Take(2000)
            .Select(o => new SelectListItem(o.Name, o.Id.ToString()))
            .ToListAsync(ct);
}
