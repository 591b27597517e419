using Concord.Web.Features.Agreements;
using Concord.Web.Features.Delivery;
using Microsoft.AspNetCore.Mvc;

namespace Concord.Web.Features.Readiness;

public sealed record ReadinessDeliverySummary(Guid PartnershipId, int Divergence, int AgendasNotMet, int MatrixProblems, int Workstreams, string AgreementStatus);

/// <summary>The partnership page's summary of readiness, aims, the delivery model and the agreement.
/// The caller (the partnership page) has already found the partnership through the member's access.</summary>
public sealed class ReadinessDeliverySummaryViewComponent(ReadinessService readiness, DeliveryService delivery, AgreementService agreements) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid partnershipId)
    {
        var ct = HttpContext.RequestAborted;
        var overview = await readiness.OverviewAsync(partnershipId, ct);
        var agendas = await readiness.AgendasAsync(partnershipId, ct);
        var model = await delivery.LoadAsync(partnershipId, ct);
        var agreement = await agreements.LoadAsync(partnershipId, ct);
        var summary = new ReadinessDeliverySummary(partnershipId,
            overview.Flags.Count(f => f.Kind != ReadinessFlagKind.NotAnswered),
            agendas.NotMet.Count, model.Problems.Count, model.Workstreams.Count, agreement.Summary);
        return View("/Features/Readiness/Pages/_ReadinessDeliverySummary.cshtml", summary);
    }
}
