using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Export;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.HandOver.Pages;

/// <summary>The hand-over page: what the export holds, and the two downloads. Coordinators only.</summary>
[Requires(PartnershipOperation.Export)]
public sealed class IndexModel(PartnershipScope scope, HandOverExport export) : PageModel
{
    public Partnership Partnership => scope.Partnership;

    public IReadOnlyList<string> Tables { get; private set; } = [];

    public void OnGet() => Tables = export.Document(scope).TableNames.ToList();

    public async Task<IActionResult> OnGetJsonAsync(CancellationToken ct) =>
        new ResultAction(await HandOverApi.JsonAsync(scope, export, ct));

    public async Task<IActionResult> OnGetZipAsync(CancellationToken ct) =>
        new ResultAction(await HandOverApi.ZipAsync(scope, export, ct));

    public IActionResult OnPost() => NotFound();
}
