using System.ComponentModel.DataAnnotations;
using System.Text;
using Concord.Web.Features.Audit;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;

namespace Concord.Web.Features.Accounts.Pages;

public sealed class TwoFactorModel(UserManager<Account> users, SignInManager<Account> signIn, Auditor audit, ConcordDb db) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the 6-digit code from your authenticator app")]
        [RegularExpression(@"^\s*\d{3}\s?\d{3}\s*$", ErrorMessage = "The code is 6 digits, like 123456")]
        public string Code { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool Enabled { get; private set; }
    public bool Required { get; private set; }
    public int RecoveryCodesLeft { get; private set; }
    public string FormattedKey { get; private set; } = "";
    public string QrCodeDataUri { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        var account = await users.GetUserAsync(User);
        if (account is null)
        {
            return Challenge();
        }

        await LoadAsync(account);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var account = await users.GetUserAsync(User);
        if (account is null)
        {
            return Challenge();
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(account);
            return Page();
        }

        var code = Input.Code.Replace(" ", "", StringComparison.Ordinal).Trim();
        if (!await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError("Input.Code", "That code is not right. Check the time on your phone is correct and try the newest code");
            await LoadAsync(account);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(account, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(account, 10) ?? [];
        audit.Record(AuditActions.TwoFactorEnabled, "Account", account.Id);
        await db.SaveChangesAsync(ct);
        await signIn.RefreshSignInAsync(account);
        TempData["RecoveryCodes"] = string.Join(' ', codes);
        return Redirect("/account/two-factor/recovery-codes");
    }

    public async Task<IActionResult> OnPostNewRecoveryCodesAsync(CancellationToken ct)
    {
        var account = await users.GetUserAsync(User);
        if (account is null || !account.TwoFactorEnabled)
        {
            return RedirectToPage();
        }

        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(account, 10) ?? [];
        audit.Record(AuditActions.RecoveryCodesGenerated, "Account", account.Id);
        await db.SaveChangesAsync(ct);
        TempData["RecoveryCodes"] = string.Join(' ', codes);
        return Redirect("/account/two-factor/recovery-codes");
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken ct)
    {
        var account = await users.GetUserAsync(User);
        if (account is null)
        {
            return Challenge();
        }

        if (User.HasClaim(ConcordClaims.TwoFactorRequired, "true"))
        {
            ModelState.AddModelError("", "Because of your role in Concord, two-step verification must stay on");
            await LoadAsync(account);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(account, false);
        await users.ResetAuthenticatorKeyAsync(account);
        audit.Record(AuditActions.TwoFactorDisabled, "Account", account.Id);
        await db.SaveChangesAsync(ct);
        await signIn.RefreshSignInAsync(account);
        TempData["StatusMessage"] = "Two-step verification is off.";
        return Redirect("/account");
    }

    private async Task LoadAsync(Account account)
    {
        Enabled = account.TwoFactorEnabled;
        Required = User.HasClaim(ConcordClaims.TwoFactorRequired, "true") || Request.Query.ContainsKey("required");
        if (Enabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(account);
            return;
        }

        var key = await users.GetAuthenticatorKeyAsync(account);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(account);
            await signIn.RefreshSignInAsync(account);
            key = await users.GetAuthenticatorKeyAsync(account);
        }

        FormattedKey = string.Join(' ', key!.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
        var uri = $"otpauth://totp/{Uri.EscapeDataString("Concord:" + account.Email)}?secret={key}&issuer=Concord&digits=6";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        var svg = new SvgQRCode(data).GetGraphic(4);
        QrCodeDataUri = "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(svg));
    }
}
