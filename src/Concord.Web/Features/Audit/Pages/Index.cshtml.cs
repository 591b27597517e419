using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Audit.Pages;

public sealed class IndexModel(AuditQuery audit) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public IReadOnlyList<(string Value, string Label)> ActionChoices { get; } =
    [
        ("sign-in", "Sign-ins (all)"),
        ("sign-in.failed", "Failed sign-ins"),
        ("role", "Role changes"),
        ("invitation", "Invitations"),
        ("personal-data", "Personal data seen or changed"),
        ("account", "Accounts"),
        ("organisation", "Organisations"),
        ("partnership", "Partnerships"),
        ("api-token", "API tokens"),
    ];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!audit.CanRead)
        {
            return NotFound();
        }

        PageNumber = Math.Max(1, PageNumber);
        var query = audit.Visible(new AuditFilter(Action, Actor, From, To));
        Total = await query.CountAsync(ct);
        Entries = await query.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return Page();
    }

    public string PageLink(int page)
    {
        var query = new QueryBuilder();
        if (!string.IsNullOrEmpty(Action)) { query.Add("action", Action); }
        if (!string.IsNullOrEmpty(Actor)) { query.Add("actor", Actor); }
        if (From is not null) { query.Add("from", From.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)); }
        if (To is not null) { query.Add("to", To.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)); }
        query.Add("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return "/audit" + query.ToQueryString();
    }
}
