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
[EnableRateLimiting(AuthSetup.InvitationRateLimit)]
public sealed class AcceptInvitationModel(Invitations invitations, UserManager<Account> users, SignInManager<Account> signIn,
    ConcordDb db, Auditor audit, CurrentUser user, TimeProvider clock) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your full name")]
        [StringLength(200, ErrorMessage = "Your name must be 200 characters or fewer")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "Create a password")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Type the password again")]
        [Compare(nameof(Password), ErrorMessage = "The passwords do not match")]
        public string ConfirmPassword { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Invitation? Invitation { get; private set; }
    public InvitationState State { get; private set; }
    public string InvitedTo { get; private set; } = "";
    public bool AccountExists { get; private set; }
    public bool SignedInAsInvitee { get; private set; }
    public bool SignedInAsOther { get; private set; }
    public string? SignedInEmail => user.Email;

    public string Title => State switch
    {
        InvitationState.Expired => "This invitation has expired",
        InvitationState.Used => "This invitation has been used",
        InvitationState.Revoked => "This invitation has been withdrawn",
        _ => "You are invited to Concord",
    };

    public async Task<IActionResult> OnGetAsync(string secret, CancellationToken ct) =>
        await LoadAsync(secret, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAcceptAsync(string secret, CancellationToken ct)
    {
        if (!await LoadAsync(secret, ct))
        {
            return NotFound();
        }

        if (State != InvitationState.Open || !SignedInAsInvitee)
        {
            return Page();
        }

        var account = await users.GetUserAsync(User);
        if (account is null)
        {
            return Challenge();
        }

        await invitations.AcceptAsync(Invitation!, account, ct);
        await db.SaveChangesAsync(ct);
        TempData["StatusMessage"] = $"You have joined {InvitedTo}.";
        return Redirect(Destination());
    }

    public async Task<IActionResult> OnPostRegisterAsync(string secret, CancellationToken ct)
    {
        if (!await LoadAsync(secret, ct))
        {
            return NotFound();
        }

        if (State != InvitationState.Open || AccountExists || user.IsAuthenticated)
        {
            return Page();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var account = new Account
        {
            UserName = Invitation!.Email,
            Email = Invitation.Email,
            // Opening the link sent to this address proves the person controls it.
            EmailConfirmed = true,
            DisplayName = Input.DisplayName.Trim(),
            CreatedAt = clock.GetUtcNow(),
        };

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await users.CreateAsync(account, Input.Password);
        if (!result.Succeeded)
        {
            AccountErrors.AddTo(ModelState, result, "Input.Password");
            return Page();
        }

        audit.Record(AuditActions.AccountCreated, "Account", account.Id, Invitation.OrganisationId, Invitation.PartnershipId,
            details: "Accepted an invitation", actorId: account.Id, actorEmail: account.Email);
        await invitations.AcceptAsync(Invitation, account, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        await signIn.SignInAsync(account, isPersistent: false);
        TempData["StatusMessage"] = $"Welcome to Concord. You have joined {InvitedTo}.";
        return Redirect(Destination());
    }

    private async Task<bool> LoadAsync(string secret, CancellationToken ct)
    {
        Invitation = await invitations.FindBySecretAsync(secret, ct);
        if (Invitation is null)
        {
            return false;
        }

        State = invitations.StateOf(Invitation);
        InvitedTo = Invitation.Partnership?.Name ?? Invitation.Organisation?.Name ?? "Concord";
        AccountExists = await users.FindByEmailAsync(Invitation.Email) is not null;
        if (user.IsAuthenticated)
        {
            SignedInAsInvitee = string.Equals(user.Email, Invitation.Email, StringComparison.OrdinalIgnoreCase);
            SignedInAsOther = !SignedInAsInvitee;
        }

        return true;
    }

    private string Destination() =>
        Invitation!.PartnershipId is { } p ? $"/partnerships/{p}" : Invitation.OrganisationId is { } o ? $"/organisations/{o}" : "/";
}
