using Concord.Web.Features.Audit;
using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Accounts;

/// <summary>An invitation just staged, with its link: the only moment the secret is known, to show the inviter once.</summary>
public sealed record IssuedInvitation(Invitation Invitation, string Link);

public enum InvitationState
{
    Open,
    Expired,
    Used,
    Revoked,
}

/// <summary>
/// Creates invitations (queued e-mail with a single-use link) and applies them when accepted.
/// Callers add nothing else: <see cref="Create"/> stages the invitation, its e-mail and its audit line,
/// and the caller's SaveChanges commits them together. It also returns the link, which the inviter sees once
/// (to send it themselves if the e-mail does not arrive); only its hash is stored.
/// </summary>
public sealed class Invitations(ConcordDb db, EmailOutbox outbox, LinkBuilder links, Auditor audit, CurrentUser user, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public IssuedInvitation Create(string email, string invitedToName, Guid? organisationId = null, OrganisationRole? organisationRole = null,
        Guid? partnershipId = null, PartnershipRole? partnershipRole = null, Guid? representingOrganisationId = null)
    {
        if (organisationId is null && partnershipId is null)
        {
            throw new ArgumentException("An invitation is to an organisation, a partnership or both.");
        }

        var secret = Secrets.NewToken();
        var now = clock.GetUtcNow();
        var invitation = new Invitation
        {
            Email = email.Trim(),
            OrganisationId = organisationId,
            OrganisationRole = organisationId is null ? null : organisationRole ?? OrganisationRole.Staff,
            PartnershipId = partnershipId,
            PartnershipRole = partnershipId is null ? null : partnershipRole ?? PartnershipRole.Staff,
            RepresentingOrganisationId = representingOrganisationId,
            TokenHash = Secrets.Hash(secret),
            InvitedById = user.Id,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
        db.Add(invitation);
        var link = links.Absolute("/invitations/" + secret);
        var role = partnershipRole is not null ? Shared.Display.Name(partnershipRole.Value) : Shared.Display.Name(organisationRole ?? OrganisationRole.Staff);
        outbox.Enqueue(invitation.Email, $"You are invited to join {invitedToName} on Concord",
            $"""
            Hello,

            {user.DisplayName} has invited you to join {invitedToName} on Concord as {role.ToLowerInvariant()}.
            Concord is where the partnership keeps its plans, promises, meetings and lessons.

            To accept, open this link within 7 days:

            {link}

            The link works once. If you were not expecting this invitation, you can ignore this e-mail.
            """);
        audit.Record(AuditActions.InvitationSent, "Invitation", invitation.Id, organisationId, partnershipId, details: $"{invitation.Email} as {role}");
        return new IssuedInvitation(invitation, link);
    }

    public Task<Invitation?> FindBySecretAsync(string secret, CancellationToken ct) =>
        db.Set<Invitation>()
            .Include(i => i.Organisation)
            .Include(i => i.Partnership)
            .Include(i => i.InvitedBy)
            .FirstOrDefaultAsync(i => i.TokenHash == Secrets.Hash(secret), ct);

    public InvitationState StateOf(Invitation invitation) =>
        invitation.RevokedAt is not null ? InvitationState.Revoked
        : invitation.AcceptedAt is not null ? InvitationState.Used
        : invitation.ExpiresAt <= clock.GetUtcNow() ? InvitationState.Expired
        : InvitationState.Open;

    /// <summary>Adds the account to what the invitation offers (keeping any higher role it already has) and marks it used.</summary>
    public async Task AcceptAsync(Invitation invitation, Account account, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        invitation.AcceptedAt = now;
        invitation.AcceptedById = account.Id;
        if (invitation.OrganisationId is { } organisationId &&
            !await db.Set<OrganisationMembership>().AnyAsync(m => m.OrganisationId == organisationId && m.AccountId == account.Id, ct))
        {
            db.Add(new OrganisationMembership
            {
                OrganisationId = organisationId,
                AccountId = account.Id,
                Role = invitation.OrganisationRole ?? OrganisationRole.Staff,
                CreatedAt = now,
            });
        }

        if (invitation.PartnershipId is { } partnershipId &&
            !await db.Set<PartnershipMembership>().AnyAsync(m => m.PartnershipId == partnershipId && m.AccountId == account.Id, ct))
        {
            db.Add(new PartnershipMembership
            {
                PartnershipId = partnershipId,
                AccountId = account.Id,
                Role = invitation.PartnershipRole ?? PartnershipRole.Staff,
                OrganisationId = invitation.RepresentingOrganisationId,
                CreatedAt = now,
            });
        }

        audit.Record(AuditActions.InvitationAccepted, "Invitation", invitation.Id, invitation.OrganisationId, invitation.PartnershipId,
            actorId: account.Id, actorEmail: account.Email);
    }
}
