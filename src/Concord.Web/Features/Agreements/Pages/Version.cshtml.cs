using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.Agreements.Pages;

public sealed class VersionModel(PartnershipAccess access, AgreementService agreements) : PageModel
{
    public Partnership Partnership { get; private set; } = null!;
    public AgreementOverview Overview { get; private set; } = null!;
    public VersionStatus Status { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid versionId, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return NotFound();
        }

        Partnership = found.Partnership;
        Overview = await agreements.LoadAsync(id, ct);
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
