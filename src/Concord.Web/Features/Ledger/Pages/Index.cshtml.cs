using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Export;
using Concord.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Concord.Web.Features.Ledger.Pages;

/// <summary>
/// The ledger, a page at a time (newest first, by the date it happened): "Older entries" carries the number of the last
/// entry shown as <c>before</c>, so a page deep in the past costs the same as the first. The partner filter is kept in both links.
/// </summary>
public sealed class IndexModel(ConcordDb db, PartnershipScope scope, LedgerQueries queries, TimeProvider clock) : PageModel
{
    public Partnership Partnership => scope.Partnership;
    public bool CanRecord => scope.Can(PartnershipOperation.RecordLedger);
    public KeysetPage<LedgerEntryRow> Entries { get; private set; } = new([], null);
    public LedgerVerification? Verification { get; private set; }
    public IReadOnlyList<SelectListItem> Partners { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public Guid? Partner { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    /// <summary>The page's address with the filter kept, for the newest page (<paramref name="before"/> null) or an older one.</summary>
    public string PageUrl(long? before)
    {
        var query = new List<string>();
        if (Partner is { } p)
        {
            query.Add($"partner={p}");
        }

        if (before is { } b)
        {
            query.Add($"before={b}");
        }

        return $"/partnerships/{scope.Id}/ledger" + (query.Count == 0 ? "" : "?" + string.Join("&", query));
    }

    private async Task<IActionResult?> LoadAsync(int? pageSize, CancellationToken ct)
    {
        if (!KeysetRequest.TryCreate(Before, pageSize, out var request, out _))
        {
            return BadRequest();
        }

        var names = await queries.PartnerNamesAsync(scope.Id, ct);
        Partners = names.OrderBy(n => n.Value, StringComparer.CurrentCulture).Select(n => new SelectListItem(n.Value, n.Key.ToString())).ToList();
        var page = await queries.PageAsync(scope, new LedgerFilter(Partner), request, ct);
        if (!page.Saved)
        {
            return BadRequest();
        }

        Entries = page.Value!;
        return null;
    }

    public async Task<IActionResult> OnGetAsync([FromQuery] int? pageSize, CancellationToken ct) =>
        await LoadAsync(pageSize, ct) ?? Page();

    public async Task<IActionResult> OnGetVerifyAsync(CancellationToken ct)
    {
        if (await LoadAsync(null, ct) is { } refused)
        {
            return refused;
        }

        Verification = await LedgerCommands.VerifyAsync(db, scope.Id, ct);
        return Page();
    }

    public IActionResult OnGetCsv() => new ResultAction(LedgerApi.Csv(scope, queries, clock));

    public IActionResult OnGetJson() => new ResultAction(LedgerApi.Json(scope, queries, clock));

    /// <summary>A form post without a handler name matches nothing here.</summary>
    [Requires(PartnershipOperation.View)]
    public IActionResult OnPost() => NotFound();
}
