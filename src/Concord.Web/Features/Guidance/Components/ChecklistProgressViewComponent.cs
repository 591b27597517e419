using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc;

namespace Concord.Web.Features.Guidance.Components;

/// <summary>The partnership page's checklist progress: one line in Details.cshtml renders it.</summary>
public sealed class ChecklistProgressViewComponent(ConcordDb db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid partnershipId) =>
        View("~/Features/Guidance/Components/ChecklistProgress.cshtml", (partnershipId, await ChecklistQueries.ProgressAsync(db, partnershipId, HttpContext.RequestAborted)));
}
