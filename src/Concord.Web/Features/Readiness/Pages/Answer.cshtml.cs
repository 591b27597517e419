using System.ComponentModel.DataAnnotations;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Readiness.Pages;

[Requires(PartnershipOperation.AnswerForOrganisation)]
public sealed class AnswerModel(ConcordDb db, CurrentUser user, PartnershipAccess access, ReadinessService readiness) : PageModel
{
    public sealed class AnswerInput
    {
        [Display(Name = "Why do you want to work in partnership at all?")]
        public string? WhyPartner { get; set; }
        public string? AddedValue { get; set; }
        public string? PeopleServed { get; set; }
        public FunderDriven? FunderDriven { get; set; }
        public string? FunderDrivenExplanation { get; set; }
        public string? MissionAtStake { get; set; }
        public string? SmallPartner { get; set; }
        public int Version { get; set; }

        public ReflectionAnswers ToAnswers() => new(WhyPartner, AddedValue, PeopleServed, FunderDriven, FunderDrivenExplanation, MissionAtStake, SmallPartner);
    }

    [BindProperty]
    public AnswerInput Input { get; set; } = new();

    public PartnershipContext Context { get; private set; } = null!;
    public Partnership Partnership => Context.Partnership;
    public PartnerInfo Partner { get; private set; } = null!;

    /// <summary>Set after a stale save: the answers saved now, shown beside what the person typed.</summary>
    public ReadinessReflection? Saved { get; private set; }
    public int StartedFromVersion { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid partnerId, CancellationToken ct)
    {
        if (await LoadAsync(id, partnerId, ct) is { } problem)
        {
            return problem;
        }

        var r = await db.Set<ReadinessReflection>().AsNoTracking().FirstOrDefaultAsync(x => x.PartnerId == partnerId, ct);
        if (r is not null)
        {
            Input = new AnswerInput
            {
                WhyPartner = r.WhyPartner,
                AddedValue = r.AddedValue,
                PeopleServed = r.PeopleServed,
                FunderDriven = r.FunderDriven,
                FunderDrivenExplanation = r.FunderDrivenExplanation,
                MissionAtStake = r.MissionAtStake,
                SmallPartner = r.SmallPartner,
                Version = r.Version,
            };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid partnerId, CancellationToken ct)
    {
        if (await LoadAsync(id, partnerId, ct) is { } problem)
        {
            return problem;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await readiness.SaveReflectionAsync(Context, partnerId, Input.ToAnswers(), Input.Version, ct);
        switch (result.Status)
        {
            case WriteStatus.Ok:
                TempData["StatusMessage"] = $"You saved {Partner.Name}'s answers.";
                return Redirect($"/partnerships/{id}/readiness");
            case WriteStatus.NotFound:
                return NotFound();
            case WriteStatus.Forbidden:
                return Forbid();
            case WriteStatus.Invalid:
                foreach (var (field, message) in result.Errors)
                {
                    ModelState.AddModelError("Input." + field, message);
                }

                return Page();
            default:
                // Someone saved first: nothing of this edit was written. Show both versions and let the person decide.
                Saved = await db.Set<ReadinessReflection>().AsNoTracking().FirstOrDefaultAsync(x => x.PartnerId == partnerId, ct);
                StartedFromVersion = Input.Version;
                ModelState.Remove("Input.Version");
                Input.Version = Saved?.Version ?? 0;
                ModelState.AddModelError("", $"Someone else saved {Partner.Name}'s answers while you were editing them. Your answers have not been saved. Compare the two versions below, then save again to replace theirs with yours, or cancel to keep theirs");
                return Page();
        }
    }

    private async Task<IActionResult?> LoadAsync(Guid id, Guid partnerId, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return NotFound();
        }

        Context = found;
        var partner = (await PartnerDirectory.CurrentAsync(db, id, ct)).FirstOrDefault(p => p.Id == partnerId);
        if (partner is null)
        {
            return NotFound();
        }

        Partner = partner;
        return await PartnerDirectory.CanSpeakForAsync(db, user, found, partner, ct) ? null : Forbid();
    }
}
