using Concord.Web.Features.Commitments.Pages;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Ledger.Pages;

[Requires(PartnershipOperation.RecordLedger)]
public sealed class NewModel(ConcordDb db, PartnershipAccess access, LedgerCommands commands, TimeProvider clock) : PageModel
{
    private const int PromiseRows = 3;

    [BindProperty]
    public LedgerEntryInput Input { get; set; } = new();

    /// <summary>People involved, one a line.</summary>
    [BindProperty]
    public string? PeopleText { get; set; }

    public Partnership Partnership { get; private set; } = null!;
    public IReadOnlyList<SelectListItem> Partners { get; private set; } = [];
    public IReadOnlyList<SelectListItem> People { get; private set; } = [];
    public LedgerEntry? Corrects { get; private set; }

    private async Task<IActionResult?> LoadAsync(Guid id, Guid? corrects, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return NotFound();
        }

        if (!found.CanContribute)
        {
            return Forbid();
        }

        Partnership = found.Partnership;
        var choices = await CommitmentChoices.LoadAsync(db, id, ct);
        Partners = choices.Partners;
        People = choices.People;
        if (corrects is { } c)
        {
            Corrects = await db.Set<LedgerEntry>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == c && e.PartnershipId == id, ct);
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

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? corrects, CancellationToken ct)
    {
        Input.CorrectsEntryId = corrects;
        Input.Date = London.Today(clock);
        if (await LoadAsync(id, corrects, ct) is { } refused)
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

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, Input.CorrectsEntryId, ct) is { } refused)
        {
            return refused;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        Input.People = (PeopleText ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        var (entry, errors) = await commands.AppendAsync(id, Input, ct);
        if (entry is null)
        {
            foreach (var (field, message) in errors)
            {
                ModelState.AddModelError(field == "People" ? nameof(PeopleText) : "Input." + field, message);
            }

            return Page();
        }

        var promises = entry.Promises.Count;
        TempData["StatusMessage"] = promises switch
        {
            0 => $"You recorded entry {entry.Sequence} in the ledger.",
            1 => $"You recorded entry {entry.Sequence} in the ledger, and its promise became a commitment.",
            _ => $"You recorded entry {entry.Sequence} in the ledger, and its {promises} promises became commitments.",
        };
        return Redirect($"/partnerships/{id}/ledger#entry-{entry.Id}");
    }
}
