using System.ComponentModel.DataAnnotations;
using Concord.Web.Features.Audit;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.Accounts.Pages;

/// <summary>Password sign-in. Failed attempts are counted by <see cref="SignInAttempts"/>; page views and successes never are.</summary>
[AllowAnonymous]
public sealed class SignInModel(SignInManager<Account> signIn, UserManager<Account> users, Auditor audit, ConcordDb db, TimeProvider clock,
    SignInAttempts attempts) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your e-mail address")]
        [EmailAddress(ErrorMessage = "Enter an e-mail address in the right format, like name@example.org")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password")]
        public string Password { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool LockedOut { get; private set; }

    /// <summary>Set when this attempt was refused before the password was checked (429).</summary>
    public TooManyAttempts? Refused { get; private set; }

    public async Task OnGetAsync()
    {
        // A fresh sign-in never reuses an earlier session.
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (attempts.Refusal(HttpContext, Input.Email) is { } refusal)
        {
            refusal.Apply(HttpContext);
            Refused = refusal;
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        var account = await users.FindByEmailAsync(Input.Email.Trim());
        if (account is null)
        {
            attempts.Failed(HttpContext, Input.Email);
            audit.Record(AuditActions.SignInFailed, "Account", null, details: "Unknown e-mail address", actorEmail: Input.Email.Trim());
            await db.SaveChangesAsync(ct);
            return Failed();
        }

        var result = await signIn.PasswordSignInAsync(account, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await SignInRecorder.SucceededAsync(db, audit, account, clock, "Password", ct);
            return LocalRedirect(SafeReturnUrl());
        }

        if (result.RequiresTwoFactor)
        {
            return Redirect("/account/sign-in/two-factor?returnUrl=" + Uri.EscapeDataString(SafeReturnUrl()));
        }

        attempts.Failed(HttpContext, Input.Email);
        if (result.IsLockedOut)
        {
            audit.Record(AuditActions.SignInLockedOut, "Account", account.Id, actorId: account.Id, actorEmail: account.Email);
            await db.SaveChangesAsync(ct);
            LockedOut = true;
            return Page();
        }

        audit.Record(AuditActions.SignInFailed, "Account", account.Id,
            details: account.IsActive ? "Wrong password" : "Account deactivated", actorId: account.Id, actorEmail: account.Email);
        await db.SaveChangesAsync(ct);
        return Failed();
    }

    private PageResult Failed()
    {
        // The same words whether the e-mail address is unknown or the password wrong, so accounts cannot be discovered.
        ModelState.AddModelError("Input.Email", "Enter a correct e-mail address and password");
        return Page();
    }

    private string SafeReturnUrl() => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
}

public static class SignInRecorder
{
    public static async Task SucceededAsync(ConcordDb db, Auditor audit, Account account, TimeProvider clock, string method, CancellationToken ct)
    {
        account.LastSignInAt = clock.GetUtcNow();
        audit.Record(AuditActions.SignInSucceeded, "Account", account.Id, details: method, actorId: account.Id, actorEmail: account.Email);
        await db.SaveChangesAsync(ct);
    }
}
