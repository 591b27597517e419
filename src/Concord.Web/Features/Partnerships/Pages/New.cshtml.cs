using Concord.Web.Infrastructure.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Partnerships.Pages;

/// <summary>A partnership's details, shared by the start and change pages.</summary>
public class PartnershipInput
{
    public string? Name { get; set; }
    public string? Purpose { get; set; }
    public string? Beneficiaries { get; set; }
    public string? Area { get; set; }
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public string? Funder { get; set; }
    public PartnershipStatus Status { get; set; } = PartnershipStatus.Forming;
    public Guid? LeadOrganisationId { get; set; }
    public int Version { get; set; }

    public PartnershipRules.Fields Fields() => new(Name, Purpose, Beneficiaries, Area, StartDate, EndDate, Funder);
}

public sealed class NewModel(PartnershipCommands commands) : PageModel
{
    [BindProperty]
    public PartnershipInput Input { get; set; } = new();

    public IReadOnlyList<SelectListItem> LeadChoices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        if (LeadChoices.Count == 1)
        {
            Input.LeadOrganisationId = Guid.Parse(LeadChoices[0].Value);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Dates that do not parse already have a model error from binding; keep it, with our words.
        foreach (var field in new[] { "Input.StartDate", "Input.EndDate" })
        {
            if (ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0)
            {
                entry.Errors.Clear();
                entry.Errors.Add(field.EndsWith("StartDate", StringComparison.Ordinal) ? "Enter a real start date" : "Enter a real end date");
            }
        }

        if (!ModelState.IsValid)
        {
            await LoadChoicesAsync(ct);
            return Page();
        }

        var result = await commands.CreateAsync(Input.Fields(), Input.Status, Input.LeadOrganisationId, ct);
        if (!result.Saved)
        {
            await LoadChoicesAsync(ct);
            return this.Failed(result);
        }

        var partnership = result.Value!;

        TempData["StatusMessage"] = $"You started {partnership.Name}. You are its coordinator. Next, add the partner organisations and people.";
        return Redirect($"/partnerships/{partnership.Id}");
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        LeadChoices = await commands.LeadOrganisationChoices().OrderBy(o => o.Name).Take(500)
            .Select(o => new SelectListItem(o.Name, o.Id.ToString()))
            .ToListAsync(ct);
    }
}
