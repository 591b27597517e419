using Concord.Web.Features.Partnerships;
using Concord.Web.Features.Readiness;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.Agreements.Pages;

public sealed class IndexModel(PartnershipScope scope, AgreementService agreements) : PageModel
{
    public PartnershipScope Scope => scope;
    public Partnership Partnership => scope.Partnership;
    public AgreementOverview Overview { get; private set; } = null!;

    /// <summary>Partners the caller leads that have not signed the latest version yet.</summary>
    public IReadOnlyList<PartnerInfo> ICanSignFor { get; private set; } = [];

    /// <summary>The delivery model or commitments changed since the latest version was made.</summary>
    public bool SnapshotOutOfDate { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    [Requires(PartnershipOperation.View)]
    public IActionResult OnPost() => NotFound();

    [Requires(PartnershipOperation.SignAgreement)]
    public async Task<IActionResult> OnPostSignAsync(Guid versionId, string? textHash, CancellationToken ct)
    {
        var result = await agreements.SignAsync(scope, versionId, textHash, ct);
        if (result.Saved)
        {
            TempData["StatusMessage"] = "You signed the agreement.";
            return Redirect($"/partnerships/{scope.Id}/agreement");
        }

        await LoadAsync(ct);
        if (result.Status == WriteStatus.Invalid)
        {
            ModelState.AddModelError("", result.Errors.Values.FirstOrDefault() ?? "The agreement could not be signed");
            return Page();
        }

        return this.Failed(result, "");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Overview = await agreements.LoadAsync(scope.Id, ct);
        if (Overview.Latest is { } latest)
        {
            ICanSignFor = scope.Can(PartnershipOperation.SignAgreement) ? latest.Awaiting.Where(p => p.LeadContactId == scope.AccountId).ToList() : [];
            var snapshot = await agreements.SnapshotAsync(scope.Id, ct);
            SnapshotOutOfDate = AgreementService.Compose(latest.Version.Body, snapshot) != latest.Version.Text;
        }
    }
}
