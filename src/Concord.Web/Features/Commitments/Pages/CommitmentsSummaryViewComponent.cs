using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Hooks;
using Microsoft.AspNetCore.Mvc;

namespace Concord.Web.Features.Commitments.Pages;

/// <summary>The partnership home's commitments that need attention: late, at risk, due in the next 7 days (the first few of each, with counts).</summary>
[PartnershipHomeSection(20)]
public sealed class CommitmentsSummaryViewComponent(PartnershipScope scope, CommitmentQueries commitments) : ViewComponent
{
    public sealed record Summary(Guid PartnershipId, CommitmentAttention Attention);

    public async Task<IViewComponentResult> InvokeAsync() =>
        View("~/Features/Commitments/Pages/_CommitmentsSummary.cshtml",
            new Summary(scope.Id, await commitments.AttentionAsync(scope, HttpContext.RequestAborted)));
}
