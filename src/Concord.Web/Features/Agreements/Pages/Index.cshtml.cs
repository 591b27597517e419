using Concord.Web.Features.Partnerships;
using Concord.Web.Features.Readiness;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.Agreements.Pages;

public sealed class IndexModel(CurrentUser user, PartnershipAccess access, AgreementService agreements) : PageModel
{
    public PartnershipContext Context { get; private set; } = null!;
    public Partnership Partnership => Context.Partnership;
    public AgreementOverview Overview { get; private set; } = null!;

    /// <summary>Partners the caller leads that have not signed the latest version yet.</summary>
    public IReadOnlyList<PartnerInfo> ICanSignFor { get; private set; } = [];

    /// <summary>The delivery model or commitments changed since the latest version was made.</summary>
    public bool SnapshotOutOfDate { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    [Requires(PartnershipOperation.View)]
    public IActionResult OnPost() => NotFound();

    [Requires(PartnershipOperation.SignAgreement)]
    public async Task<IActionResult> OnPostSignAsync(Guid id, Guid versionId, string? textHash, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return NotFound();
        }

        var (_, result) = await agreements.SignAsync(found, versionId, textHash, ct);
        switch (result.Status)
        {
            case WriteStatus.Ok:
                TempData["StatusMessage"] = "You signed the agreement.";
                return Redirect($"/partnerships/{id}/agreement");
            case WriteStatus.NotFound:
                return NotFound();
            case WriteStatus.Forbidden:
                return Forbid();
            default:
                ModelState.AddModelError("", (result.Message ?? result.Errors.Values.FirstOrDefault() ?? "The agreement could not be signed").TrimEnd('.'));
                return await LoadAsync(id, ct) ? Page() : NotFound();
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return false;
        }

        Context = found;
        Overview = await agreements.LoadAsync(id, ct);
        if (Overview.Latest is { } latest)
        {
            ICanSignFor = found.CanContribute ? latest.Awaiting.Where(p => p.LeadContactId == user.Id).ToList() : [];
            var snapshot = await agreements.SnapshotAsync(id, ct);
            SnapshotOutOfDate = AgreementService.Compose(latest.Version.Body, snapshot) != latest.Version.Text;
        }

        return true;
    }
}
