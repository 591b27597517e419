using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.Accounts.Pages;

public sealed class RecoveryCodesModel : PageModel
{
    public IReadOnlyList<string> Codes { get; private set; } = [];

    public IActionResult OnGet()
    {
        if (TempData["RecoveryCodes"] is not string codes || codes.Length == 0)
        {
            return Redirect("/account/two-factor");
        }

        Codes = codes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return Page();
    }
}
