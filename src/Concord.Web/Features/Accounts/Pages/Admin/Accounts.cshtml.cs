using Concord.Web.Features.Audit;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Accounts.Pages.Admin;

/// <summary>
/// Network admins manage accounts. Deactivation and role changes end the person's sessions: at once in this process,
/// and in every other within <see cref="AccountSessionCache.Bound"/>.
/// </summary>
public sealed class AccountsModel(ConcordDb db, CurrentUser user, UserManager<Account> users, Auditor audit, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public IReadOnlyList<Account> Accounts { get; private set; } = [];
    public Guid MyId => user.Id;

    public static string RoleName(NetworkRole role) => role switch
    {
        NetworkRole.NetworkAdmin => "Network admin",
        NetworkRole.LearningTeam => "Learning team",
        _ => "None",
    };

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!user.IsNetworkAdmin)
        {
            return NotFound();
        }

        var query = db.Users.AsQueryable();
        if (!string.IsNullOrWhiteSpace(Query))
        {
            var q = Query.Trim().ToLowerInvariant();
            query = query.Where(a => a.DisplayName.ToLower().Contains(q) || (a.Email != null && a.Email.ToLower().Contains(q)));
        }

        Accounts = await query.OrderBy(a => a.DisplayName).Take(200).ToListAsync(ct);
        await audit.RecordReadAsync("Account list", "Account", null, ct: ct);
        return Page();
    }

    public Task<IActionResult> OnPostDeactivateAsync(Guid accountId, CancellationToken ct) => SetActiveAsync(accountId, false, ct);

    public Task<IActionResult> OnPostReactivateAsync(Guid accountId, CancellationToken ct) => SetActiveAsync(accountId, true, ct);

    public async Task<IActionResult> OnPostRoleAsync(Guid accountId, NetworkRole role, CancellationToken ct)
    {
        if (!user.IsNetworkAdmin)
        {
            return NotFound();
        }

        var account = await db.Users.FirstOrDefaultAsync(a => a.Id == accountId, ct);
        if (account is null || !Enum.IsDefined(role))
        {
            return NotFound();
        }

        if (account.Id == user.Id && role != NetworkRole.NetworkAdmin &&
            !await db.Users.AnyAsync(a => a.Id != user.Id && a.NetworkRole == NetworkRole.NetworkAdmin && a.IsActive, ct))
        {
            TempData["StatusMessage"] = "You are the only network admin, so you cannot give up the role. Make someone else a network admin first.";
            return RedirectToPage();
        }

        if (account.NetworkRole != role)
        {
            var before = account.NetworkRole;
            account.NetworkRole = role;
            audit.Record(AuditActions.NetworkRoleChanged, "Account", account.Id, details: $"{account.Email}: {RoleName(before)} → {RoleName(role)}");
            // A new security stamp ends the person's sessions (they sign in again with the new role); the save also
            // evicts their session snapshot in this process.
            await users.UpdateSecurityStampAsync(account);
        }

        TempData["StatusMessage"] = $"{account.DisplayName} is now: {RoleName(role)}.";
        return RedirectToPage(new { q = Query });
    }

    private async Task<IActionResult> SetActiveAsync(Guid accountId, bool active, CancellationToken ct)
    {
        if (!user.IsNetworkAdmin || accountId == user.Id)
        {
            return NotFound();
        }

        var account = await db.Users.FirstOrDefaultAsync(a => a.Id == accountId, ct);
        if (account is null)
        {
            return NotFound();
        }

        account.IsActive = active;
        audit.Record(active ? AuditActions.AccountReactivated : AuditActions.AccountDeactivated, "Account", account.Id, details: account.Email);
        if (!active)
        {
            await Pages.SignOutEverywhere.ApplyAsync(db, users, account, clock, ct);
        }
        else
        {
            await db.SaveChangesAsync(ct);
        }

        await db.SaveChangesAsync(ct);
        TempData["StatusMessage"] = active ? $"{account.DisplayName} can sign in again." : $"{account.DisplayName} has been deactivated and signed out everywhere.";
        return RedirectToPage(new { q = Query });
    }
}
