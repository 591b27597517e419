using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Home.Pages;

public sealed class IndexModel(ConcordDb db) : PageModel
{
    public string? NetworkName { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        NetworkName = await db.Set<Network.Network>().OrderBy(n => n.CreatedAt).Select(n => n.Name).FirstOrDefaultAsync(ct);
    }
}
