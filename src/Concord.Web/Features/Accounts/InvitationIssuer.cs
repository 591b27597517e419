using Concord.Web.Features.Audit;
using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;
using Concord.Web.Features.Shared;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Accounts;

/// <summary>
/// Creates invitations to an organisation or a partnership: the invitation row (only the hash of its secret),
/// the e-mail with the link in the outbox, and the audit line. The caller saves, so all three are one transaction.
/// </summary>
public sealed class InvitationIssuer(ConcordDb db, CurrentUser user, Auditor auditor, EmailOutbox outbox, LinkBuilder links, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public static string NormaliseEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>Pending means not accepted, not revoked and not expired.</summary>
    public IQueryable<Invitation> Pending() =>
        db.Set<Invitation>().Where(i => i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > clock.GetUtcNow());

    /// <summary>Why this person cannot be invited to the organisation, or null when they can.</summary>
    public async Task<string?> OrganisationProblemAsync(Guid organisationId, string email, CancellationToken ct)
    {
        var normalised = NormaliseEmail(email);
        var upper = normalised.ToUpperInvariant();
        if (await db.Set<OrganisationMembership>().AnyAsync(m => m.OrganisationId == organisationId && m.Account!.NormalizedEmail == upper, ct))
        {
            return "This person is already a member of the organisation";
        }

        if (await Pending().AnyAsync(i => i.OrganisationId == organisationId && i.PartnershipId == null && i.Email == normalised, ct))
        {
            return "This person has already been invited and the invitation has not expired. Revoke it first if you want to send a new one";
        }

        return null;
    }

    /// <summary>Why this person cannot be invited to the partnership, or null when they can.</summary>
    public async Task<string?> PartnershipProblemAsync(Guid partnershipId, string email, CancellationToken ct)
    {
        var normalised = NormaliseEmail(email);
        var upper = normalised.ToUpperInvariant();
        if (await db.Set<PartnershipMembership>().AnyAsync(m => m.PartnershipId == partnershipId && m.Account!.NormalizedEmail == upper, ct))
        {
            return "This person is already a member of the partnership";
        }

        if (await Pending().AnyAsync(i => i.PartnershipId == partnershipId && i.Email == normalised, ct))
        {
            return "This person has already been invited to the partnership and the invitation has not expired";
        }

        return null;
    }

    /// <summary>Adds an invitation to join an organisation. Returns the invitation; the secret only travels in the e-mail.</summary>
    public Invitation InviteToOrganisation(Organisation organisation, string email, OrganisationRole role)
    {
        var (invitation, link) = Create(email, i => new Invitation
        {
            Email = i.Email,
            TokenHash = i.TokenHash,
            OrganisationId = organisation.Id,
            OrganisationRole = role,
            InvitedById = i.InvitedById,
            CreatedAt = i.CreatedAt,
            ExpiresAt = i.ExpiresAt,
        });
        outbox.Enqueue(invitation.Email, $"You are invited to join {organisation.Name} on Concord",
            $"""
            Hello,

            {Inviter()} has invited you to join {organisation.Name} on Concord as {Display.Name(role).ToLowerInvariant()}.

            To accept, open this link by {Display.Date(invitation.ExpiresAt)}:
            {link}

            If you were not expecting this invitation, you can ignore this e-mail.
            """);
        auditor.Record(AuditActions.InvitationSent, nameof(Invitation), invitation.Id, organisationId: organisation.Id,
            details: $"Invited {invitation.Email} as {role}");
        return invitation;
    }

    /// <summary>Adds an invitation to join a partnership, optionally representing one of its partner organisations.</summary>
    public Invitation InviteToPartnership(Partnership partnership, string email, PartnershipRole role, Organisation? representing)
    {
        var (invitation, link) = Create(email, i => new Invitation
        {
            Email = i.Email,
            TokenHash = i.TokenHash,
            PartnershipId = partnership.Id,
            PartnershipRole = role,
            RepresentingOrganisationId = representing?.Id,
            InvitedById = i.InvitedById,
            CreatedAt = i.CreatedAt,
            ExpiresAt = i.ExpiresAt,
        });
        var onBehalf = representing is null ? "" : $", representing {representing.Name}";
        outbox.Enqueue(invitation.Email, $"You are invited to join the {partnership.Name} partnership on Concord",
            $"""
            Hello,

            {Inviter()} has invited you to join the partnership "{partnership.Name}" on Concord as {Display.Name(role).ToLowerInvariant()}{onBehalf}.

            To accept, open this link by {Display.Date(invitation.ExpiresAt)}:
            {link}

            If you were not expecting this invitation, you can ignore this e-mail.
            """);
        auditor.Record(AuditActions.InvitationSent, nameof(Invitation), invitation.Id, partnershipId: partnership.Id,
            details: $"Invited {invitation.Email} as {role}" + (representing is null ? "" : $" representing {representing.Id}"));
        return invitation;
    }

    private (Invitation Invitation, string Link) Create(string email, Func<Invitation, Invitation> shape)
    {
        var token = Secrets.NewToken();
        var now = clock.GetUtcNow();
        var invitation = shape(new Invitation
        {
            Email = NormaliseEmail(email),
            TokenHash = Secrets.Hash(token),
            InvitedById = user.Id,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        });
        db.Add(invitation);
        return (invitation, links.Absolute("/invitations/" + token));
    }

    private string Inviter() => string.IsNullOrWhiteSpace(user.DisplayName) ? "Someone" : user.DisplayName;
}
