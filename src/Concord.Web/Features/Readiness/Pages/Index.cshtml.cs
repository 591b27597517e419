using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.Readiness.Pages;

public sealed class IndexModel(ConcordDb db, CurrentUser user, PartnershipAccess access, ReadinessService readiness) : PageModel
{
    public PartnershipContext Context { get; private set; } = null!;
    public Partnership Partnership => Context.Partnership;
    public ReadinessOverview Overview { get; private set; } = null!;
    public int AgendasNotMet { get; private set; }
    public HashSet<Guid> CanAnswerFor { get; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return NotFound();
        }

        Context = found;
        Overview = await readiness.OverviewAsync(id, ct);
        AgendasNotMet = (await readiness.AgendasAsync(id, ct)).NotMet.Count;
        foreach (var partner in Overview.Partners)
        {
            if (await PartnerDirectory.CanSpeakForAsync(db, user, found, partner, ct))
            {
                CanAnswerFor.Add(partner.Id);
            }
        }

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
