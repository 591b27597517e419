using Concord.Web.Features.Accounts;
using Concord.Web.Features.Audit;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Organisations;

/// <summary>
/// Writes to an organisation's people shared by pages and the API, each one SaveChanges with its audit line.
/// Callers have found the organisation through <see cref="OrganisationAccess"/> and checked the caller may manage it.
/// </summary>
public sealed class OrganisationCommands(ConcordDb db, Auditor auditor, TimeProvider clock)
{
    public async Task<WriteOutcome> ChangeRoleAsync(Guid organisationId, Guid accountId, OrganisationRole role, CancellationToken ct)
    {
        var member = await db.Set<OrganisationMembership>().Include(m => m.Account)
            .FirstOrDefaultAsync(m => m.OrganisationId == organisationId && m.AccountId == accountId, ct);
        if (member is null)
        {
            return new WriteOutcome(new() { [""] = "That person is no longer a member of the organisation" });
        }

        if (member.Role == role)
        {
            return WriteOutcome.Ok;
        }

        if (OrganisationRules.WouldLeaveNoAdmin(member.Role, role, await AdminCountAsync(organisationId, ct)))
        {
            return new WriteOutcome([], $"{Name(member)} is the organisation's only admin. Make someone else an admin first, so someone can always manage its people.");
        }

        auditor.Record(AuditActions.OrganisationRoleChanged, nameof(OrganisationMembership), member.Id, organisationId: organisationId,
            details: $"{member.Account?.Email}: {member.Role} to {role}");
        member.Role = role;
        await db.SaveChangesAsync(ct);
        return WriteOutcome.Ok;
    }

    /// <summary>
    /// Removes a person from the organisation (never its last admin). Their partnership memberships stay; a coordinator decides those.
    /// Someone who is not a member gives <see cref="WriteOutcome.NotFound"/>.
    /// </summary>
    public async Task<WriteOutcome> RemoveAsync(Guid organisationId, Guid accountId, CancellationToken ct)
    {
        var member = await db.Set<OrganisationMembership>().Include(m => m.Account)
            .FirstOrDefaultAsync(m => m.OrganisationId == organisationId && m.AccountId == accountId, ct);
        if (member is null)
        {
            return WriteOutcome.NotFound;
        }

        if (OrganisationRules.WouldLeaveNoAdmin(member.Role, null, await AdminCountAsync(organisationId, ct)))
        {
            return new WriteOutcome([], $"{Name(member)} is the organisation's only admin and cannot be removed. Make someone else an admin first.");
        }

        db.Remove(member);
        auditor.Record(AuditActions.OrganisationMemberRemoved, nameof(OrganisationMembership), member.Id, organisationId: organisationId,
            details: $"{member.Account?.Email} ({member.Role})");
        await db.SaveChangesAsync(ct);
        return WriteOutcome.Ok;
    }

    public async Task<bool> RevokeInvitationAsync(Guid organisationId, Guid invitationId, CancellationToken ct)
    {
        var invitation = await db.Set<Invitation>()
            .FirstOrDefaultAsync(i => i.Id == invitationId && i.OrganisationId == organisationId && i.AcceptedAt == null && i.RevokedAt == null, ct);
        if (invitation is null)
        {
            return false;
        }

        invitation.RevokedAt = clock.GetUtcNow();
        auditor.Record(AuditActions.InvitationRevoked, nameof(Invitation), invitation.Id, organisationId: organisationId, details: invitation.Email);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private Task<int> AdminCountAsync(Guid organisationId, CancellationToken ct) =>
        db.Set<OrganisationMembership>().CountAsync(m => m.OrganisationId == organisationId && m.Role == OrganisationRole.Admin, ct);

    private static string Name(OrganisationMembership m) =>
        string.IsNullOrWhiteSpace(m.Account?.DisplayName) ? m.Account?.Email ?? "This person" : m.Account.DisplayName;
}
