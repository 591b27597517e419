using Concord.Web.Features.Audit;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.Accounts.Pages;

[AllowAnonymous]
public sealed class ConfirmEmailModel(UserManager<Account> users, Auditor audit, ConcordDb db) : PageModel
{
    public bool Confirmed { get; private set; }

    public async Task OnGetAsync(Guid userId, string? code, CancellationToken ct)
    {
        var account = await users.FindByIdAsync(userId.ToString());
        var token = AccountEmails.Decode(code);
        if (account is null || token is null)
        {
            Response.StatusCode = 404;
            return;
        }

        var result = await users.ConfirmEmailAsync(account, token);
        Confirmed = result.Succeeded;
        if (Confirmed)
        {
            audit.Record(AuditActions.EmailConfirmed, "Account", account.Id, actorId: account.Id, actorEmail: account.Email);
            await db.SaveChangesAsync(ct);
        }
        else
        {
            Response.StatusCode = 404;
        }
    }
}
