using Concord.Web.Features.Audit;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.Accounts.Pages;

[AllowAnonymous]
public sealed class SignOutModel(SignInManager<Account> signIn, Auditor audit, ConcordDb db) : PageModel
{
    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? Page() : Redirect("/account/sign-in");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            audit.Record(AuditActions.SignOut, "Account");
            await db.SaveChangesAsync(ct);
        }

        await signIn.SignOutAsync();
        TempData["StatusMessage"] = "You have signed out.";
        return Redirect("/account/sign-in");
    }
}
