using System.ComponentModel.DataAnnotations;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.Readiness.Pages;

[Requires(PartnershipOperation.AnswerForOrganisation)]
public sealed class AnswerModel(PartnershipScope scope, PartnerDirectory directory, ReadinessService readiness) : PageModel
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

    public PartnershipScope Scope => scope;
    public Partnership Partnership => scope.Partnership;
    public PartnerInfo Partner { get; private set; } = null!;

    /// <summary>Set after a stale save: the answers saved now, shown beside what the person typed.</summary>
    public ReadinessReflection? Saved { get; private set; }
    public int StartedFromVersion { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid partnerId, CancellationToken ct)
    {
        if (await LoadAsync(partnerId, ct) is { } problem)
        {
            return problem;
        }

        var r = await readiness.ReflectionAsync(scope, partnerId, ct);
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

    public async Task<IActionResult> OnPostAsync(Guid partnerId, CancellationToken ct)
    {
        if (await LoadAsync(partnerId, ct) is { } problem)
        {
            return problem;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await readiness.SaveReflectionAsync(scope, partnerId, Input.ToAnswers(), Input.Version, ct);
        if (result.Saved)
        {
            TempData["StatusMessage"] = result.Value!.IsComplete
                ? $"You saved {Partner.Name}'s answers."
                : $"You saved a draft of {Partner.Name}'s answers. They count as answered once every question has an answer.";
            return Redirect($"/partnerships/{scope.Id}/readiness");
        }

        if (result.Status == WriteStatus.Stale)
        {
            // Someone saved first: nothing of this edit was written. Show both versions and let the person decide.
            Saved = result.Current ?? await readiness.ReflectionAsync(scope, partnerId, ct);
            StartedFromVersion = Input.Version;
            ModelState.Remove("Input.Version");
            Input.Version = Saved?.Version ?? 0;
        }

        return this.Failed(result);
    }

    private async Task<IActionResult?> LoadAsync(Guid partnerId, CancellationToken ct)
    {
        var partner = (await directory.CurrentAsync(scope.Id, ct)).FirstOrDefault(p => p.Id == partnerId);
        if (partner is null)
        {
            return NotFound();
        }

        Partner = partner;
        return PartnerDirectory.CanSpeakFor(scope, partner) ? null : Forbid();
    }
}
