using System.ComponentModel.DataAnnotations;
using Concord.Web.Features.Audit;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.Accounts.Pages;

public sealed class PasswordModel(UserManager<Account> users, SignInManager<Account> signIn, Auditor audit, ConcordDb db) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your current password")]
        public string CurrentPassword { get; set; } = "";

        [Required(ErrorMessage = "Enter a new password")]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "Type the new password again")]
        [Compare(nameof(NewPassword), ErrorMessage = "The passwords do not match")]
        public string ConfirmPassword { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var account = await users.GetUserAsync(User);
        if (account is null)
        {
            return Challenge();
        }

        var result = await users.ChangePasswordAsync(account, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                if (error.Code == "PasswordMismatch")
                {
                    ModelState.AddModelError("Input.CurrentPassword", "The current password is not correct");
                }
                else
                {
                    AccountErrors.AddTo(ModelState, IdentityResult.Failed(error), "Input.NewPassword");
                }
            }

            return Page();
        }

        audit.Record(AuditActions.PasswordChanged, "Account", account.Id);
        await db.SaveChangesAsync(ct);
        await signIn.RefreshSignInAsync(account);
        TempData["StatusMessage"] = "Your password has been changed.";
        return Redirect("/account");
    }
}
