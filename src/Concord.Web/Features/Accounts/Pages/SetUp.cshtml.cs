using System.ComponentModel.DataAnnotations;
using Concord.Web.Features.Audit;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.Accounts.Pages;

[AllowAnonymous]
public sealed class SetUpModel(ConcordDb db, SetupToken setupToken, UserManager<Account> users, SignInManager<Account> signIn,
    Auditor audit, AccountEmails emails, TimeProvider clock) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the name of your network")]
        [StringLength(200, ErrorMessage = "The network name must be 200 characters or fewer")]
        public string NetworkName { get; set; } = "";

        [Required(ErrorMessage = "Enter your full name")]
        [StringLength(200, ErrorMessage = "Your name must be 200 characters or fewer")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "Enter your e-mail address")]
        [EmailAddress(ErrorMessage = "Enter an e-mail address in the right format, like name@example.org")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Create a password")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Type the password again")]
        [Compare(nameof(Password), ErrorMessage = "The passwords do not match")]
        public string ConfirmPassword { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await IsAllowedAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await IsAllowedAsync(ct))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = clock.GetUtcNow();
        var account = new Account
        {
            UserName = Input.Email.Trim(),
            Email = Input.Email.Trim(),
            DisplayName = Input.DisplayName.Trim(),
            NetworkRole = NetworkRole.NetworkAdmin,
            CreatedAt = now,
        };

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await users.CreateAsync(account, Input.Password);
        if (!result.Succeeded)
        {
            AccountErrors.AddTo(ModelState, result, "Input.Password");
            return Page();
        }

        db.Add(new Network.Network { Name = Input.NetworkName.Trim(), CreatedAt = now });
        audit.Record(AuditActions.NetworkSetUp, "Network", null, details: Input.NetworkName.Trim(), actorId: account.Id, actorEmail: account.Email);
        audit.Record(AuditActions.AccountCreated, "Account", account.Id, details: "First network administrator", actorId: account.Id, actorEmail: account.Email);
        await emails.QueueConfirmationAsync(account);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        await signIn.SignInAsync(account, isPersistent: false);
        TempData["StatusMessage"] = "Your network is set up. As an administrator you must now set up two-step verification.";
        return Redirect("/account/two-factor?required=1");
    }

    private async Task<bool> IsAllowedAsync(CancellationToken ct) =>
        setupToken.Matches(Token) && !await FirstStart.IsSetUpAsync(db, ct);
}
