using Concord.Web.Features.Partnerships;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.Commitments.Pages;

public sealed class IndexModel(PartnershipAccess access, CommitmentQueries queries) : PageModel
{
    public Partnership Partnership { get; private set; } = null!;
    public bool CanContribute { get; private set; }
    public List<CommitmentRow> Rows { get; private set; } = [];
    public List<PartnerDeliveryRow> OnTime { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return NotFound();
        }

        Partnership = found.Partnership;
        CanContribute = found.CanContribute;
        CommitmentStatus? status = Enum.TryParse<CommitmentStatus>(Status, true, out var s) && Enum.IsDefined(s) ? s : null;
        Status = status?.ToString();
        Rows = await queries.ListAsync(CommitmentScope.Partnership, id, status, ct);
        OnTime = await queries.OnTimeAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(Guid id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return NotFound();
        }

        var rows = await queries.ListAsync(CommitmentScope.Partnership, id, null, ct);
        return new ResultAction(new CsvResult<CommitmentRow>(rows, CommitmentsApi.CsvColumns, ExportNames.File(found.Partnership.Name, "commitments", queries.Today, "csv")));
    }

    public async Task<IActionResult> OnGetJsonAsync(Guid id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return NotFound();
        }

        var rows = (await queries.ListAsync(CommitmentScope.Partnership, id, null, ct)).Select(CommitmentsApi.ToDto).ToList();
        return new ResultAction(ExportNames.JsonFile(rows, ExportNames.File(found.Partnership.Name, "commitments", queries.Today, "json")));
    }

    /// <summary>A form post without a handler name matches nothing here.</summary>
    public IActionResult OnPost() => NotFound();
}

/// <summary>Runs a minimal-API result from a page handler, so pages and the API share the export code.</summary>
public sealed class ResultAction(IResult result) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
}
