using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Export;
using Concord.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.Ledger.Pages;

public sealed class IndexModel(ConcordDb db, PartnershipAccess access, LedgerQueries queries, TimeProvider clock) : PageModel
{
    public Partnership Partnership { get; private set; } = null!;
    public bool CanContribute { get; private set; }
    public List<LedgerEntryRow> Entries { get; private set; } = [];
    public LedgerVerification? Verification { get; private set; }

    private async Task<PartnershipContext?> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return null;
        }

        Partnership = found.Partnership;
        CanContribute = found.CanContribute;
        Entries = await queries.EntriesAsync(id, ct);
        return found;
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) is null ? NotFound() : Page();

    public async Task<IActionResult> OnGetVerifyAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is null)
        {
            return NotFound();
        }

        Verification = await LedgerCommands.VerifyAsync(db, id, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(Guid id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return NotFound();
        }

        var rows = (await queries.EntriesAsync(id, ct)).OrderBy(r => r.Sequence).ToList();
        return new ResultAction(new CsvResult<LedgerEntryRow>(rows, LedgerApi.CsvColumns, ExportNames.File(found.Partnership.Name, "ledger", London.Today(clock), "csv")));
    }

    public async Task<IActionResult> OnGetJsonAsync(Guid id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return NotFound();
        }

        var rows = (await queries.EntriesAsync(id, ct)).OrderBy(r => r.Sequence).Select(LedgerApi.ToDto).ToList();
        return new ResultAction(ExportNames.JsonFile(rows, ExportNames.File(found.Partnership.Name, "ledger", London.Today(clock), "json")));
    }

    [Requires(PartnershipOperation.View)]
    public IActionResult OnPost() => NotFound();
}
