using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Hooks;
using Microsoft.AspNetCore.Mvc;

namespace Concord.Web.Features.Guidance.Components;

/// <summary>The partnership home's checklist progress.</summary>
[PartnershipHomeSection(40)]
public sealed class ChecklistProgressViewComponent(PartnershipScope scope, ConcordDb db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() =>
        View("~/Features/Guidance/Components/ChecklistProgress.cshtml", (scope.Id, await ChecklistQueries.ProgressAsync(db, scope, HttpContext.RequestAborted)));
}
