using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.Readiness.Pages;

public sealed class IndexModel(PartnershipScope scope, ReadinessService readiness) : PageModel
{
    public PartnershipScope Scope => scope;
    public Partnership Partnership => scope.Partnership;
    public ReadinessOverview Overview { get; private set; } = null!;
    public int AgendasNotMet { get; private set; }
    public HashSet<Guid> CanAnswerFor { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Overview = await readiness.OverviewAsync(scope.Id, ct);
        AgendasNotMet = (await readiness.AgendasAsync(scope.Id, ct)).NotMet.Count;
        CanAnswerFor.UnionWith(Overview.Partners.Where(p => PartnerDirectory.CanSpeakFor(scope, p)).Select(p => p.Id));
        return Page();
    }

    [Requires(PartnershipOperation.View)]
    public IActionResult OnPost() => NotFound();

    public IReadOnlyList<ReadinessFlag> FlagsFor(string questionKey, Guid partnerId) =>
        Overview.Flags.Where(f => f.QuestionKey == questionKey && f.PartnerIds.Contains(partnerId) && f.Kind != ReadinessFlagKind.NotAnswered).ToList();

    public static string FlagName(ReadinessFlagKind kind) => kind switch
    {
        ReadinessFlagKind.DifferentPurposes => "Different purpose",
        ReadinessFlagKind.MainlyFunderDriven => "Mainly funder-driven",
        ReadinessFlagKind.NoAddedValue => "No added value named",
        _ => "Not answered",
    };

    public static string FunderName(FunderDriven? value) => value switch
    {
        FunderDriven.Yes => "Yes, mainly",
        FunderDriven.Partly => "Partly",
        FunderDriven.No => "No",
        _ => "Not answered",
    };
}
