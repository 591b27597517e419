using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Agreements.Pages;

public sealed class CompareModel(ConcordDb db, PartnershipScope scope) : PageModel
{
    public Partnership Partnership => scope.Partnership;
    public AgreementVersion From { get; private set; } = null!;
    public AgreementVersion To { get; private set; } = null!;
    public IReadOnlyList<AgreementLine> Lines { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? from, Guid? to, CancellationToken ct)
    {
        var id = scope.Id;
        if (from is null || to is null)
        {
            // Without a choice: the latest version against the one before it.
            var latest = await db.Set<AgreementVersion>().AsNoTracking().Where(v => v.PartnershipId == id)
                .OrderByDescending(v => v.Number).Select(v => v.Id).Take(2).ToListAsync(ct);
            if (latest.Count < 2)
            {
                return Redirect($"/partnerships/{id}/agreement");
            }

            (from, to) = (latest[1], latest[0]);
        }

        var versions = await db.Set<AgreementVersion>().AsNoTracking().Where(v => v.PartnershipId == id && (v.Id == from || v.Id == to)).ToListAsync(ct);
        if (versions.FirstOrDefault(v => v.Id == from) is not { } a || versions.FirstOrDefault(v => v.Id == to) is not { } b)
        {
            return NotFound();
        }

        (From, To) = (a, b);
        Lines = AgreementText.Compare(a.Text, b.Text);
        return Page();
    }

    [Requires(PartnershipOperation.View)]
    public IActionResult OnPost() => NotFound();
}
