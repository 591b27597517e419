using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Hooks;
using Microsoft.AspNetCore.Mvc;

namespace Concord.Web.Features.Ledger.Pages;

/// <summary>The partnership home's "who has gone quiet": current partners with nothing in the ledger for longer than agreed.</summary>
[PartnershipHomeSection(25)]
public sealed class LedgerSummaryViewComponent(PartnershipScope scope, LedgerQueries ledger) : ViewComponent
{
    public sealed record Summary(Guid PartnershipId, IReadOnlyList<QuietWarning> Quiet);

    public async Task<IViewComponentResult> InvokeAsync() =>
        View("~/Features/Ledger/Pages/_LedgerSummary.cshtml", new Summary(scope.Id, await ledger.QuietAsync(scope.Id, HttpContext.RequestAborted)));
}
