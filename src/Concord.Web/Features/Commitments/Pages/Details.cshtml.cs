using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Http;
using Concord.Web.Infrastructure.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.Commitments.Pages;

public sealed class StatusUpdateInput
{
    public CommitmentStatus? Status { get; set; }
    public DateOnly? Date { get; set; }
    public string? Note { get; set; }
    /// <summary>The version of the commitment the person was looking at.</summary>
    public int? Version { get; set; }
}

public sealed class DetailsModel(PartnershipScope scope, CommitmentQueries queries, CommitmentCommands commands) : PageModel
{
    public CommitmentRow Commitment { get; private set; } = null!;
    public bool CanContribute => scope.Can(PartnershipOperation.Contribute);
    public List<CommitmentUpdate> Updates { get; private set; } = [];
    public string? Recorded { get; private set; }

    [BindProperty]
    public StatusUpdateInput Update { get; set; } = new();

    private async Task<bool> LoadAsync(Guid commitmentId, CancellationToken ct)
    {
        if (await queries.FindAsync(scope, commitmentId, ct) is not { } row)
        {
            return false;
        }

        Commitment = row;
        Updates = await queries.UpdatesAsync(commitmentId, ct);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid commitmentId, CancellationToken ct)
    {
        if (!await LoadAsync(commitmentId, ct))
        {
            return NotFound();
        }

        Update.Date = queries.Today;
        Update.Version = Commitment.Version;
        return Page();
    }

    [Requires(PartnershipOperation.View)]
    public IActionResult OnPost() => NotFound();

    /// <summary>Records a status update. With htmx the status, the form and the history are replaced in place; without, post-redirect-get.</summary>
    [Requires(PartnershipOperation.Contribute)]
    public async Task<IActionResult> OnPostStatusAsync(Guid commitmentId, CancellationToken ct)
    {
        var result = ModelState.IsValid
            ? await commands.ReportStatusAsync(scope, commitmentId, Update.Status, Update.Date, Update.Note, Update.Version, ct)
            : WriteFailure.Invalid(new FieldErrors());
        if (!await LoadAsync(commitmentId, ct))
        {
            return NotFound();
        }

        if (result.Saved)
        {
            var message = $"You recorded the commitment as {CommitmentDisplay.Status(result.Value!.Status).ToLowerInvariant()}.";
            if (!Request.IsHtmx())
            {
                TempData["StatusMessage"] = message;
                return Redirect($"/partnerships/{scope.Id}/commitments/{commitmentId}");
            }

            ModelState.Clear();
            Recorded = message;
            Update = new StatusUpdateInput { Date = queries.Today, Version = Commitment.Version };
            return Partial("_CommitmentStatus", this);
        }

        if (result.Status == WriteStatus.Stale)
        {
            // What they typed stays in the form; the page now shows the commitment as saved, with the new version to save against.
            ModelState.Remove("Update.Version");
            Update.Version = Commitment.Version;
        }

        var answer = result.Status == WriteStatus.Invalid && !result.Errors.Any ? Page() : this.Failed(result, "Update");
        return Request.IsHtmx() && answer is PageResult page
            ? new PartialViewResult { ViewName = "_CommitmentStatus", ViewData = ViewData, StatusCode = page.StatusCode }
            : answer;
    }
}
