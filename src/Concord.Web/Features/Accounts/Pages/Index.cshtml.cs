using Concord.Web.Features.Audit;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Accounts.Pages;

public sealed class IndexModel(UserManager<Account> users, SignInManager<Account> signIn, AccountEmails emails, Auditor audit,
    ConcordDb db, TimeProvider clock) : PageModel
{
    public Account Account { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        var account = await users.GetUserAsync(User);
        if (account is null)
        {
            return Challenge();
        }

        Account = account;
        return Page();
    }

    public async Task<IActionResult> OnPostResendConfirmationAsync(CancellationToken ct)
    {
        var account = await users.GetUserAsync(User);
        if (account is null)
        {
            return Challenge();
        }

        if (!account.EmailConfirmed)
        {
            await emails.QueueConfirmationAsync(account);
            await db.SaveChangesAsync(ct);
        }

        TempData["StatusMessage"] = $"We have sent a confirmation link to {account.Email}.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostSignOutEverywhereAsync(CancellationToken ct)
    {
        var account = await users.GetUserAsync(User);
        if (account is null)
        {
            return Challenge();
        }

        await SignOutEverywhere.ApplyAsync(db, users, account, clock, ct);
        audit.Record(AuditActions.SignOutEverywhere, "Account", account.Id);
        await db.SaveChangesAsync(ct);
        await signIn.SignOutAsync();
        TempData["StatusMessage"] = "You have been signed out on every device.";
        return Redirect("/account/sign-in");
    }
}

/// <summary>Ends every session of an account: cookies (via the security stamp) and API session tokens.</summary>
public static class SignOutEverywhere
{
    public static async Task ApplyAsync(ConcordDb db, UserManager<Account> users, Account account, TimeProvider clock, CancellationToken ct)
    {
        await users.UpdateSecurityStampAsync(account);
        var now = clock.GetUtcNow();
        await db.Set<ApiToken>()
            .Where(t => t.AccountId == account.Id && t.Kind == ApiTokenKind.Session && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
    }
}
