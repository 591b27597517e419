using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Readiness.Pages;

public sealed class AgendasModel(ConcordDb db, CurrentUser user, PartnershipAccess access, ReadinessService readiness) : PageModel
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

    public PartnershipContext Context { get; private set; } = null!;
    public Partnership Partnership => Context.Partnership;
    public AgendaOverview Overview { get; private set; } = null!;
    public HashSet<Guid> CanSpeakFor { get; } = [];

    /// <summary>Set after a stale objective save: the objective as saved now.</summary>
    public Objective? SavedObjective { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    [Requires(PartnershipOperation.View)]
    public IActionResult OnPost() => NotFound();

    [Requires(PartnershipOperation.AnswerForOrganisation)]
    public async Task<IActionResult> OnPostAddAimAsync(Guid id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return NotFound();
        }

        var (aim, result) = await readiness.AddAimAsync(found, Aim.PartnerId ?? Guid.Empty, Aim.Kind, Aim.Description, Aim.Funder, ct);
        if (result.Status == WriteStatus.Forbidden)
        {
            return Forbid();
        }

        if (aim is null)
        {
            foreach (var (field, message) in result.Errors)
            {
                ModelState.AddModelError("Aim." + field, message);
            }

            return await LoadAsync(id, ct) ? Page() : NotFound();
        }

        TempData["StatusMessage"] = "You recorded the aim.";
        return Redirect($"/partnerships/{id}/agendas#aims");
    }

    [Requires(PartnershipOperation.AnswerForOrganisation)]
    public async Task<IActionResult> OnPostRemoveAimAsync(Guid id, Guid aimId, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return NotFound();
        }

        var result = await readiness.RemoveAimAsync(found, aimId, ct);
        return result.Status switch
        {
            WriteStatus.Ok => RedirectWith(id, "You removed the aim.", "aims"),
            WriteStatus.Forbidden => Forbid(),
            _ => NotFound(),
        };
    }

    [Requires(PartnershipOperation.Manage)]
    public async Task<IActionResult> OnPostObjectiveAsync(Guid id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return NotFound();
        }

        var (objective, result) = await readiness.SaveObjectiveAsync(found, Objective.ObjectiveId, Objective.Title, Objective.Description, Objective.AimIds, Objective.Version, ct);
        switch (result.Status)
        {
            case WriteStatus.Ok:
                return RedirectWith(id, Objective.ObjectiveId is null ? "You added the objective." : "You saved the objective.", "objectives");
            case WriteStatus.Forbidden:
                return Forbid();
            case WriteStatus.NotFound:
                return NotFound();
            case WriteStatus.Invalid:
                foreach (var (field, message) in result.Errors)
                {
                    ModelState.AddModelError("Objective." + field, message);
                }

                break;
            default:
                SavedObjective = await db.Set<Objective>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == Objective.ObjectiveId, ct);
                ModelState.AddModelError("", "Someone else changed this objective while you were editing it. Your changes have not been saved. Compare the two versions below, then save again to replace theirs with yours, or cancel to keep theirs");
                ModelState.Remove("Objective.Version");
                Objective.Version = SavedObjective?.Version;
                break;
        }

        _ = objective;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    [Requires(PartnershipOperation.Manage)]
    public async Task<IActionResult> OnPostRemoveObjectiveAsync(Guid id, Guid objectiveId, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return NotFound();
        }

        var result = await readiness.RemoveObjectiveAsync(found, objectiveId, ct);
        return result.Status switch
        {
            WriteStatus.Ok => RedirectWith(id, "You removed the objective.", "objectives"),
            WriteStatus.Forbidden => Forbid(),
            _ => NotFound(),
        };
    }

    private RedirectResult RedirectWith(Guid id, string message, string anchor)
    {
        TempData["StatusMessage"] = message;
        return Redirect($"/partnerships/{id}/agendas#{anchor}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return false;
        }

        Context = found;
        Overview = await readiness.AgendasAsync(id, ct);
        foreach (var partner in Overview.Partners)
        {
            if (await PartnerDirectory.CanSpeakForAsync(db, user, found, partner, ct))
            {
                CanSpeakFor.Add(partner.Id);
            }
        }

        return true;
    }
}
