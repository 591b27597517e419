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
public sealed class SignInRecoveryCodeModel(SignInManager<Account> signIn, Auditor audit, ConcordDb db, TimeProvider clock) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter a recovery code")]
        public string Code { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? Redirect("/account/sign-in") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var account = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (account is null)
        {
            return Redirect("/account/sign-in");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(Input.Code.Replace(" ", "", StringComparison.Ordinal).Trim());
        if (result.Succeeded)
        {
            await SignInRecorder.SucceededAsync(db, audit, account, clock, "Password and recovery code", ct);
            TempData["StatusMessage"] = "You signed in with a recovery code. If you have lost your phone, set up two-step verification again and get new codes.";
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        audit.Record(AuditActions.SignInTwoFactorFailed, "Account", account.Id, details: "Recovery code", actorId: account.Id, actorEmail: account.Email);
        await db.SaveChangesAsync(ct);
        ModelState.AddModelError("Input.Code", "That recovery code is not right, or it has already been used");
        return Page();
    }
}
