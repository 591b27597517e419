using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.Readiness.Pages;

public sealed class AgendasModel(PartnershipScope scope, ReadinessService readiness) : PageModel
{
    public sealed class AimInput
    {
        public Guid? PartnerId { get; set; }
        public AimKind Kind { get; set; }
        public string? Description { get; set; }
        public string? Funder { get; set; }
    }

    public sealed class ObjectiveInput
    {
        public Guid? ObjectiveId { get; set; }
        public string? Title { get; set; }
        public string? Description { get; set; }
        public List<Guid> AimIds { get; set; } = [];
        public int? Version { get; set; }
    }

    [BindProperty]
    public AimInput Aim { get; set; } = new();

    [BindProperty]
    public ObjectiveInput Objective { get; set; } = new();

    public PartnershipScope Scope => scope;
    public Partnership Partnership => scope.Partnership;
    public AgendaOverview Overview { get; private set; } = null!;
    public HashSet<Guid> CanSpeakFor { get; } = [];

    /// <summary>Set after a stale objective save: the objective as saved now.</summary>
    public Objective? SavedObjective { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    [Requires(PartnershipOperation.View)]
    public IActionResult OnPost() => NotFound();

    [Requires(PartnershipOperation.AnswerForOrganisation)]
    public async Task<IActionResult> OnPostAddAimAsync(CancellationToken ct)
    {
        var result = await readiness.AddAimAsync(scope, Aim.PartnerId ?? Guid.Empty, Aim.Kind, Aim.Description, Aim.Funder, ct);
        if (result.Saved)
        {
            return RedirectWith("You recorded the aim.", "aims");
        }

        await LoadAsync(ct);
        return this.Failed(result, "Aim");
    }

    [Requires(PartnershipOperation.AnswerForOrganisation)]
    public async Task<IActionResult> OnPostRemoveAimAsync(Guid aimId, CancellationToken ct)
    {
        var result = await readiness.RemoveAimAsync(scope, aimId, ct);
        if (result.Saved)
        {
            return RedirectWith("You removed the aim.", "aims");
        }

        await LoadAsync(ct);
        return this.Failed(result, "Aim");
    }

    [Requires(PartnershipOperation.Manage)]
    public async Task<IActionResult> OnPostObjectiveAsync(CancellationToken ct)
    {
        var result = await readiness.SaveObjectiveAsync(scope, Objective.ObjectiveId, Objective.Title, Objective.Description, Objective.AimIds, Objective.Version, ct);
        if (result.Saved)
        {
            return RedirectWith(Objective.ObjectiveId is null ? "You added the objective." : "You saved the objective.", "objectives");
        }

        if (result.Status == WriteStatus.Stale)
        {
            SavedObjective = result.Current?.Objective;
            ModelState.Remove("Objective.Version");
            Objective.Version = SavedObjective?.Version;
        }

        await LoadAsync(ct);
        return this.Failed(result, "Objective");
    }

    [Requires(PartnershipOperation.Manage)]
    public async Task<IActionResult> OnPostRemoveObjectiveAsync(Guid objectiveId, CancellationToken ct)
    {
        var result = await readiness.RemoveObjectiveAsync(scope, objectiveId, ct);
        if (result.Saved)
        {
            return RedirectWith("You removed the objective.", "objectives");
        }

        await LoadAsync(ct);
        return this.Failed(result, "Objective");
    }

    private RedirectResult RedirectWith(string message, string anchor)
    {
        TempData["StatusMessage"] = message;
        return Redirect($"/partnerships/{scope.Id}/agendas#{anchor}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Overview = await readiness.AgendasAsync(scope.Id, ct);
        CanSpeakFor.UnionWith(Overview.Partners.Where(p => PartnerDirectory.CanSpeakFor(scope, p)).Select(p => p.Id));
    }
}
