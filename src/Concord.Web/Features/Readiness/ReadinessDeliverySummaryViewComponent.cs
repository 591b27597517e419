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
        // Each thing read once: the partners (shared by all three through the request's PartnerDirectory), the answers,
        // the count of aims no objective serves (SQL), the matrix (one query) and the agreement's status (one light query).
        var overview = await readiness.OverviewAsync(partnershipId, ct);
        var notMet = await readiness.NotMetCountAsync(partnershipId, ct);
        var (workstreams, problems) = await delivery.SummaryAsync(partnershipId, ct);
        var agreement = await agreements.SummaryAsync(partnershipId, ct);
        var summary = new ReadinessDeliverySummary(partnershipId,
            overview.Flags.Count(f => f.Kind != ReadinessFlagKind.NotAnswered), notMet, problems, workstreams, agreement);
        return View("/Features/Readiness/Pages/_ReadinessDeliverySummary.cshtml", summary);
    }
}
