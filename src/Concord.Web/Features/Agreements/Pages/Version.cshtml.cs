using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.Agreements.Pages;

public sealed class VersionModel(PartnershipScope scope, AgreementService agreements) : PageModel
{
    public Partnership Partnership => scope.Partnership;
    public AgreementOverview Overview { get; private set; } = null!;
    public VersionStatus Status { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid versionId, CancellationToken ct)
    {
        Overview = await agreements.LoadAsync(scope.Id, ct);
        var status = Overview.Versions.FirstOrDefault(v => v.Version.Id == versionId);
        if (status is null)
        {
            return NotFound();
        }

        Status = status;
        return Page();
    }

    [Requires(PartnershipOperation.View)]
    public IActionResult OnPost() => NotFound();
}
