using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Email;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Outbox.Pages;

/// <summary>The outbox, readable in the app only in Development and only by network admins.</summary>
public sealed class IndexModel(ConcordDb db, CurrentUser user, IWebHostEnvironment environment) : PageModel
{
    public IReadOnlyList<OutboxMessage> Messages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!environment.IsDevelopment() || !user.IsNetworkAdmin)
        {
            return NotFound();
        }

        Messages = await db.Set<OutboxMessage>().OrderByDescending(m => m.CreatedAt).Take(100).ToListAsync(ct);
        return Page();
    }
}
