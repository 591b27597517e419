using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;

namespace Concord.Web.Features.Audit;

/// <summary>
/// Writes the audit trail. A change is recorded in the same SaveChanges as the change itself, so both
/// happen or neither does; a read of personal data is recorded at once.
/// </summary>
public sealed class Auditor(ConcordDb db, CurrentUser user, TimeProvider clock)
{
    public void Record(string action, string? subjectType = null, Guid? subjectId = null,
        Guid? organisationId = null, Guid? partnershipId = null, string? details = null,
        Guid? actorId = null, string? actorEmail = null)
    {
        db.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            ActorId = actorId ?? user.IdOrNull,
            ActorEmail = actorEmail ?? (user.IsAuthenticated ? user.Email : null),
            Action = action,
            SubjectType = subjectType,
            SubjectId = subjectId,
            OrganisationId = organisationId,
            PartnershipId = partnershipId,
            IpAddress = user.IpAddress,
            Details = details is { Length: > 2000 } ? details[..2000] : details,
        });
    }

    /// <summary>Records that the caller saw personal data (for example a list of people with their e-mail addresses).</summary>
    public async Task RecordReadAsync(string what, string subjectType, Guid? subjectId,
        Guid? organisationId = null, Guid? partnershipId = null, CancellationToken ct = default)
    {
        Record(AuditActions.PersonalDataRead, subjectType, subjectId, organisationId, partnershipId, what);
        await db.SaveChangesAsync(ct);
    }
}

public static class AuditActions
{
    public const string SignInSucceeded = "sign-in.succeeded";
    public const string SignInFailed = "sign-in.failed";
    public const string SignInLockedOut = "sign-in.locked-out";
    public const string SignInTwoFactorFailed = "sign-in.two-factor-failed";
    public const string SignOut = "sign-out";
    public const string SignOutEverywhere = "sign-out.everywhere";
    public const string TokenIssued = "api-token.issued";
    public const string TokenRevoked = "api-token.revoked";
    public const string PasswordReset = "password.reset";
    public const string PasswordChanged = "password.changed";
    public const string EmailConfirmed = "email.confirmed";
    public const string TwoFactorEnabled = "two-factor.enabled";
    public const string TwoFactorDisabled = "two-factor.disabled";
    public const string RecoveryCodesGenerated = "two-factor.recovery-codes";
    public const string NetworkSetUp = "network.set-up";
    public const string AccountCreated = "account.created";
    public const string AccountDeactivated = "account.deactivated";
    public const string AccountReactivated = "account.reactivated";
    public const string NetworkRoleChanged = "role.network-changed";
    public const string OrganisationCreated = "organisation.created";
    public const string OrganisationChanged = "organisation.changed";
    public const string OrganisationRoleChanged = "role.organisation-changed";
    public const string OrganisationMemberRemoved = "organisation.member-removed";
    public const string PartnershipCreated = "partnership.created";
    public const string PartnershipChanged = "partnership.changed";
    public const string PartnerAdded = "partnership.partner-added";
    public const string PartnershipRoleChanged = "role.partnership-changed";
    public const string PartnershipMemberAdded = "partnership.member-added";
    public const string PartnershipMemberRemoved = "partnership.member-removed";
    public const string InvitationSent = "invitation.sent";
    public const string InvitationAccepted = "invitation.accepted";
    public const string InvitationRevoked = "invitation.revoked";
    public const string PersonalDataRead = "personal-data.read";
    public const string PersonalDataChanged = "personal-data.changed";
    public const string EmailResent = "email.resent";
}
