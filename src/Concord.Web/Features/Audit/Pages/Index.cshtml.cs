using Concord.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.Audit.Pages;

public sealed class IndexModel(AuditQuery audit) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Before { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public string? Next { get; private set; }

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
        if (!await audit.CanReadAsync(ct))
        {
            return NotFound();
        }

        if (!AuditKey.TryParse(Before, out var key))
        {
            return BadRequest();
        }

        KeysetRequest.TryCreate(null, null, out var request, out _);
        var page = await audit.PageAsync(new AuditFilter(Action, Actor, From, To), key, request, ct);
        Entries = page.Items;
        Next = page.Next;
        return Page();
    }

    /// <summary>The address of the first page (no key) or of the page before <paramref name="before"/>, keeping the filters.</summary>
    public string PageLink(string? before)
    {
        var query = new QueryBuilder();
        if (!string.IsNullOrEmpty(Action)) { query.Add("action", Action); }
        if (!string.IsNullOrEmpty(Actor)) { query.Add("actor", Actor); }
        if (From is not null) { query.Add("from", From.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)); }
        if (To is not null) { query.Add("to", To.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)); }
        if (before is not null) { query.Add("before", before); }
        return "/audit" + query.ToQueryString();
    }
}
