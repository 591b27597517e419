using System.ComponentModel.DataAnnotations;
using Concord.Web.Features.Audit;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Accounts.Pages;

public sealed class TokensModel(ConcordDb db, CurrentUser user, ApiTokens tokens, Auditor audit, TimeProvider clock) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter a name for the token")]
        [StringLength(100, ErrorMessage = "The name must be 100 characters or fewer")]
        public string Name { get; set; } = "";

        public ApiTokenScope Scope { get; set; } = ApiTokenScope.Read;

        [Range(1, 366, ErrorMessage = "Choose when the token expires")]
        public int Days { get; set; } = 90;
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];
    public string? NewSecret { get; private set; }
    public DateTimeOffset Now { get; private set; }

    public IEnumerable<SelectListItem> ScopeOptions =>
    [
        new("Read only", nameof(ApiTokenScope.Read)),
        new("Read and write", nameof(ApiTokenScope.ReadWrite)),
    ];

    public IEnumerable<SelectListItem> DayOptions =>
    [
        new("30 days", "30"),
        new("90 days", "90"),
        new("1 year", "365"),
    ];

    public async Task OnGetAsync(CancellationToken ct)
    {
        NewSecret = TempData["NewToken"] as string;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        var (_, secret) = tokens.Issue(user.Id, ApiTokenKind.Personal, Input.Name.Trim(), Input.Scope, TimeSpan.FromDays(Input.Days));
        await db.SaveChangesAsync(ct);
        TempData["NewToken"] = secret;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid tokenId, CancellationToken ct)
    {
        var token = await db.Set<ApiToken>().FirstOrDefaultAsync(t => t.Id == tokenId && t.AccountId == user.Id, ct);
        if (token is null)
        {
            return NotFound();
        }

        token.RevokedAt ??= clock.GetUtcNow();
        audit.Record(AuditActions.TokenRevoked, "ApiToken", token.Id, details: token.Name);
        await db.SaveChangesAsync(ct);
        TempData["StatusMessage"] = $"The token '{token.Name}' has been revoked.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        Tokens = await db.Set<ApiToken>()
            .Where(t => t.AccountId == user.Id && t.Kind == ApiTokenKind.Personal)
            .OrderByDescending(t => t.CreatedAt)
            .ToListAsync(ct);
    }
}
