using Concord.Web.Features.Agreements;
using Concord.Web.Features.Delivery;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Hooks;
using Microsoft.AspNetCore.Mvc;

namespace Concord.Web.Features.Readiness;

public sealed record ReadinessDeliverySummary(Guid PartnershipId, int Divergence, int AgendasNotMet, int MatrixProblems, int Workstreams, string AgreementStatus);

/// <summary>The partnership home's summary of readiness, aims, the delivery model and the agreement.</summary>
[PartnershipHomeSection(10)]
public sealed class ReadinessDeliverySummaryViewComponent(PartnershipScope scope, ReadinessService readiness, DeliveryService delivery, AgreementService agreements) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var partnershipId = scope.Id;
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
