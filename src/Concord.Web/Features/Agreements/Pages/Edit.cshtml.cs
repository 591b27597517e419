using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.Agreements.Pages;

[Requires(PartnershipOperation.Manage)]
public sealed class EditModel(PartnershipScope scope, AgreementService agreements) : PageModel
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

    public Partnership Partnership => scope.Partnership;
    public AgreementOverview Overview { get; private set; } = null!;

    /// <summary>The latest version has signatures, so a new one must be an enhancement or a change with a reason.</summary>
    public bool NeedsReason => Overview.Latest is { Signatures.Count: > 0 };

    /// <summary>Set after a stale save: the version saved in the meantime and what differs from the person's text.</summary>
    public AgreementVersion? SavedMeanwhile { get; private set; }
    public IReadOnlyList<AgreementLine> Differences { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Overview = await agreements.LoadAsync(scope.Id, ct);
        Input = new VersionInput
        {
            Body = Overview.Latest?.Version.Body ?? Template,
            BasedOnVersionId = Overview.Latest?.Version.Id,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await agreements.AddVersionAsync(scope,
            new AgreementService.NewVersion(Input.Body, Input.Kind, Input.Reason, Input.BasedOnVersionId), ct);
        if (result.Saved)
        {
            TempData["StatusMessage"] = $"You saved version {result.Value!.Number}. Every partner's lead contact now needs to sign it.";
            return Redirect($"/partnerships/{scope.Id}/agreement");
        }

        Overview = await agreements.LoadAsync(scope.Id, ct);
        if (result.Status == WriteStatus.Stale)
        {
            // Someone saved a version first: nothing was written. Show theirs beside this text, never overwrite it silently.
            SavedMeanwhile = result.Current;
            if (SavedMeanwhile is not null)
            {
                Differences = AgreementText.Compare(SavedMeanwhile.Body, Input.Body ?? "");
            }

            ModelState.Remove("Input.BasedOnVersionId");
            Input.BasedOnVersionId = SavedMeanwhile?.Id;
        }

        return this.Failed(result);
    }
}
