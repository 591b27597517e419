using Concord.Web.Features.Commitments.Pages;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Time;
using Concord.Web.Infrastructure.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Ledger.Pages;

/// <summary>Records an entry or a correction (RecordLedger: coordinators, partner leads and staff, for GET and POST alike).</summary>
[Requires(PartnershipOperation.RecordLedger)]
public sealed class NewModel(ConcordDb db, PartnershipScope scope, LedgerCommands commands, TimeProvider clock) : PageModel
{
    private const int PromiseRows = 3;

    [BindProperty]
    public LedgerEntryInput Input { get; set; } = new();

    /// <summary>People involved, one a line.</summary>
    [BindProperty]
    public string? PeopleText { get; set; }

    public Partnership Partnership => scope.Partnership;
    public IReadOnlyList<SelectListItem> Partners { get; private set; } = [];
    public IReadOnlyList<SelectListItem> People { get; private set; } = [];
    public LedgerEntry? Corrects { get; private set; }

    private async Task<IActionResult?> LoadAsync(Guid? corrects, CancellationToken ct)
    {
        var id = scope.Id;
        var choices = await CommitmentChoices.LoadAsync(db, id, ct);
        Partners = choices.Partners;
        People = choices.People;
        if (corrects is { } c)
        {
            Corrects = await db.Set<LedgerEntry>().AsNoTracking().Include(e => e.Partners).FirstOrDefaultAsync(e => e.Id == c && e.PartnershipId == id, ct);
            if (Corrects is null)
            {
                return NotFound();
            }
        }

        while (Input.Promises.Count < PromiseRows)
        {
            Input.Promises.Add(new PromiseInput());
        }

        return null;
    }

    public async Task<IActionResult> OnGetAsync(Guid? corrects, CancellationToken ct)
    {
        Input.CorrectsEntryId = corrects;
        Input.Date = London.Today(clock);
        if (await LoadAsync(corrects, ct) is { } refused)
        {
            return refused;
        }

        if (Corrects is not null)
        {
            Input.Kind = Corrects.Kind;
            Input.Date = Corrects.Date;
            Input.PartnerIds = [.. Corrects.PartnerIds];
            PeopleText = string.Join("\n", Corrects.People);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(Input.CorrectsEntryId, ct) is { } refused)
        {
            return refused;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        Input.People = (PeopleText ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        var result = await commands.AppendAsync(scope, Input, ct);
        if (!result.Saved)
        {
            if (result.Status == WriteStatus.Invalid && result.Errors.TryGetValue("People", out var people))
            {
                // People are typed one a line into one box.
                ModelState.AddModelError(nameof(PeopleText), people);
                var rest = new FieldErrors().AddRange(result.Errors.Where(e => e.Key != "People"));
                ModelState.AddWriteErrors(rest);
                return Page();
            }

            return this.Failed(result);
        }

        var entry = result.Value!;

        var promises = entry.Promises.Count;
        TempData["StatusMessage"] = promises switch
        {
            0 => $"You recorded entry {entry.Sequence} in the ledger.",
            1 => $"You recorded entry {entry.Sequence} in the ledger, and its promise became a commitment.",
            _ => $"You recorded entry {entry.Sequence} in the ledger, and its {promises} promises became commitments.",
        };
        return Redirect($"/partnerships/{scope.Id}/ledger#entry-{entry.Id}");
    }
}
