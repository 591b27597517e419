using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Accounts;

/// <summary>
/// Invitations from the organisation and partnership pages and API: refuses a second invitation (or one to a
/// member) before <see cref="Invitations.Create"/> stages the invitation, its e-mail and its audit line.
/// </summary>
public sealed class InvitationIssuer(ConcordDb db, Invitations invitations, TimeProvider clock)
{
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

        if (await Pending().AnyAsync(i => i.OrganisationId == organisationId && i.PartnershipId == null && i.Email.ToLower() == normalised, ct))
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

        if (await Pending().AnyAsync(i => i.PartnershipId == partnershipId && i.Email.ToLower() == normalised, ct))
        {
            return "This person has already been invited to the partnership and the invitation has not expired";
        }

        return null;
    }

    /// <summary>Stages an invitation to join an organisation, its e-mail and audit line; the caller saves.</summary>
    public IssuedInvitation InviteToOrganisation(Organisation organisation, string email, OrganisationRole role) =>
        invitations.Create(NormaliseEmail(email), organisation.Name, organisationId: organisation.Id, organisationRole: role);

    /// <summary>Stages an invitation to join a partnership, optionally representing one of its partner organisations.</summary>
    public IssuedInvitation InviteToPartnership(Partnership partnership, string email, PartnershipRole role, Organisation? representing) =>
        invitations.Create(NormaliseEmail(email), partnership.Name, partnershipId: partnership.Id, partnershipRole: role,
            representingOrganisationId: representing?.Id);
}
