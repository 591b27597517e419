using Concord.Web.Features.Partnerships;
using Concord.Web.Features.Readiness;
using Concord.Web.Infrastructure.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.Agreements.Pages;

[Requires(PartnershipOperation.Manage)]
public sealed class EditModel(PartnershipAccess access, AgreementService agreements) : PageModel
{
    public sealed class VersionInput
    {
        public string? Body { get; set; }
        public AgreementChangeKind? Kind { get; set; }
        public string? Reason { get; set; }
        public Guid? BasedOnVersionId { get; set; }
    }

    public const string Template = """
        # Partnership agreement

        ## Purpose and remit

        What the partnership is for, the area it covers and who it serves.

        ## How we work together

        How decisions are made, how often the partners meet, and how disagreements are settled.

        ## What each partner commits to

        Each partner's contribution: staff time, premises, referrals, reporting.
        """;

    [BindProperty]
    public VersionInput Input { get; set; } = new();

    public Partnership Partnership { get; private set; } = null!;
    public AgreementOverview Overview { get; private set; } = null!;

    /// <summary>The latest version has signatures, so a new one must be an enhancement or a change with a reason.</summary>
    public bool NeedsReason => Overview.Latest is { Signatures.Count: > 0 };

    /// <summary>Set after a stale save: the version saved in the meantime and what differs from the person's text.</summary>
    public AgreementVersion? SavedMeanwhile { get; private set; }
    public IReadOnlyList<AgreementLine> Differences { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } problem)
        {
            return problem;
        }

        Input = new VersionInput
        {
            Body = Overview.Latest?.Version.Body ?? Template,
            BasedOnVersionId = Overview.Latest?.Version.Id,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } problem)
        {
            return problem;
        }

        var context = (await access.FindAsync(id, ct))!;
        var (version, result) = await agreements.AddVersionAsync(context,
            new AgreementService.NewVersion(Input.Body, Input.Kind, Input.Reason, Input.BasedOnVersionId), ct);
        switch (result.Status)
        {
            case WriteStatus.Ok:
                TempData["StatusMessage"] = $"You saved version {version!.Number}. Every partner's lead contact now needs to sign it.";
                return Redirect($"/partnerships/{id}/agreement");
            case WriteStatus.Forbidden:
                return Forbid();
            case WriteStatus.Invalid:
                foreach (var (field, message) in result.Errors)
                {
                    ModelState.AddModelError("Input." + field, message);
                }

                return Page();
            default:
                // Someone saved a version first: nothing was written. Show theirs beside this text, never overwrite it silently.
                Overview = await agreements.LoadAsync(id, ct);
                SavedMeanwhile = version;
                if (version is not null)
                {
                    Differences = AgreementText.Compare(version.Body, Input.Body ?? "");
                }

                ModelState.Remove("Input.BasedOnVersionId");
                Input.BasedOnVersionId = version?.Id;
                ModelState.AddModelError("", (result.Message ?? "Someone else saved a version first").TrimEnd('.') +
                    ". Your text has not been saved. Compare it with theirs below, then save again to make your text the next version, or cancel to keep theirs");
                return Page();
        }
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return NotFound();
        }

        if (!found.CanManage)
        {
            return Forbid();
        }

        Partnership = found.Partnership;
        Overview = await agreements.LoadAsync(id, ct);
        return null;
    }
}
