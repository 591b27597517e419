using System.ComponentModel.DataAnnotations;
using Concord.Web.Features.Audit;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Concord.Web.Features.Accounts.Pages;

[AllowAnonymous]
[EnableRateLimiting(AuthSetup.SignInRateLimit)]
public sealed class ResetPasswordModel(UserManager<Account> users, Auditor audit, ConcordDb db) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter a new password")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Type the new password again")]
        [Compare(nameof(Password), ErrorMessage = "The passwords do not match")]
        public string ConfirmPassword { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public IActionResult OnGet() => string.IsNullOrEmpty(Email) || string.IsNullOrEmpty(Code) ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var account = Email is null ? null : await users.FindByEmailAsync(Email);
        var token = AccountEmails.Decode(Code);
        if (account is null || token is null || !account.IsActive)
        {
            ModelState.AddModelError("", "This link has expired or has already been used. Ask for a new one.");
            return Page();
        }

        var result = await users.ResetPasswordAsync(account, token, Input.Password);
        if (!result.Succeeded)
        {
            AccountErrors.AddTo(ModelState, result, "Input.Password");
            return Page();
        }

        // A reset proves control of the mailbox: lift any lock-out and end other sessions.
        await users.SetLockoutEndDateAsync(account, null);
        await users.ResetAccessFailedCountAsync(account);
        audit.Record(AuditActions.PasswordReset, "Account", account.Id, actorId: account.Id, actorEmail: account.Email);
        await db.SaveChangesAsync(ct);
        TempData["StatusMessage"] = "Your password has been changed. Sign in with your new password.";
        return Redirect("/account/sign-in");
    }
}
