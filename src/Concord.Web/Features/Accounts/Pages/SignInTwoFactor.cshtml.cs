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
public sealed class SignInTwoFactorModel(SignInManager<Account> signIn, Auditor audit, ConcordDb db, TimeProvider clock) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the 6-digit code from your authenticator app")]
        [RegularExpression(@"^\s*\d{3}\s?\d{3}\s*$", ErrorMessage = "The code is 6 digits, like 123456")]
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

        var code = Input.Code.Replace(" ", "", StringComparison.Ordinal).Trim();
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            await SignInRecorder.SucceededAsync(db, audit, account, clock, "Password and authenticator code", ct);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        audit.Record(result.IsLockedOut ? AuditActions.SignInLockedOut : AuditActions.SignInTwoFactorFailed, "Account", account.Id,
            actorId: account.Id, actorEmail: account.Email);
        await db.SaveChangesAsync(ct);
        ModelState.AddModelError("Input.Code", result.IsLockedOut
            ? "Your account is locked for 5 minutes because of too many wrong codes"
            : "That code is not right. Check the code for Concord in your app and try again");
        return Page();
    }
}
