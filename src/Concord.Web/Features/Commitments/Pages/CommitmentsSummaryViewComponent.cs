using Concord.Web.Features.Ledger;
using Microsoft.AspNetCore.Mvc;

namespace Concord.Web.Features.Commitments.Pages;

/// <summary>The partnership page's summary of commitments needing attention and partners gone quiet. The caller has
/// already found the partnership through the caller's membership.</summary>
public sealed class CommitmentsSummaryViewComponent(CommitmentQueries commitments, LedgerQueries ledger) : ViewComponent
{
    public sealed record Summary(Guid PartnershipId, IReadOnlyList<CommitmentRow> Late, IReadOnlyList<CommitmentRow> AtRisk,
        IReadOnlyList<CommitmentRow> DueSoon, int Total, IReadOnlyList<QuietWarning> Quiet, Dictionary<Guid, string> PartnerNames);

    public async Task<IViewComponentResult> InvokeAsync(Guid partnershipId)
    {
        var ct = HttpContext.RequestAborted;
        var rows = await commitments.ListAsync(CommitmentScope.Partnership, partnershipId, null, ct);
        var today = commitments.Today;
        var quiet = await ledger.QuietAsync(partnershipId, ct);
        return View("~/Features/Commitments/Pages/_CommitmentsSummary.cshtml", new Summary(partnershipId,
            rows.Where(r => r.Status == CommitmentStatus.Late).ToList(),
            rows.Where(r => r.Status == CommitmentStatus.AtRisk).ToList(),
            rows.Where(r => r.Status == CommitmentStatus.OnTrack && r.DueDate <= today.AddDays(7)).ToList(),
            rows.Count, quiet, await ledger.PartnerNamesAsync(partnershipId, ct)));
    }
}
