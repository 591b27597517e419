using System.ComponentModel.DataAnnotations;
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
public sealed class ForgotPasswordModel(UserManager<Account> users, AccountEmails emails, ConcordDb db) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your e-mail address")]
        [EmailAddress(ErrorMessage = "Enter an e-mail address in the right format, like name@example.org")]
        public string Email { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var account = await users.FindByEmailAsync(Input.Email.Trim());
        if (account is { IsActive: true })
        {
            await emails.QueuePasswordResetAsync(account);
            await db.SaveChangesAsync(ct);
        }

        // The same answer whether or not the account exists, so addresses cannot be discovered.
        Sent = true;
        return Page();
    }
}
