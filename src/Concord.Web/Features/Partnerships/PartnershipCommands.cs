using Concord.Web.Features.Audit;
using Concord.Web.Features.Organisations;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Partnerships;

/// <summary>What a write found wrong: field errors (400 / form errors) or a clash with what is already there (409).</summary>
public sealed record WriteOutcome(Dictionary<string, string> Errors, string? Conflict = null)
{
    public static WriteOutcome Ok { get; } = new([]);

    /// <summary>The record the write is about is not there (or not in this tenant).</summary>
    public static WriteOutcome NotFound { get; } = new(new Dictionary<string, string> { [""] = "That person or record is no longer here" });

    public bool Succeeded => Errors.Count == 0 && Conflict is null;
}

/// <summary>
/// The writes that pages and the API share, each one SaveChanges with its audit lines.
/// Callers have already found the partnership through <see cref="PartnershipAccess"/> and checked the caller may manage it.
/// Errors are keyed by field name (PascalCase).
/// </summary>
public sealed class PartnershipCommands(ConcordDb db, CurrentUser user, Auditor auditor, TimeProvider clock)
{
    /// <summary>Organisations the caller may name as lead: those they belong to as admin or staff (network admins: any).</summary>
    public IQueryable<Organisation> LeadOrganisationChoices() =>
        user.IsNetworkAdmin
            ? db.Set<Organisation>()
            : db.Set<Organisation>().Where(o => db.Set<OrganisationMembership>().Any(m =>
                m.OrganisationId == o.Id && m.AccountId == user.Id && (m.Role == OrganisationRole.Admin || m.Role == OrganisationRole.Staff)));

    /// <summary>
    /// Starts a partnership: the creator becomes its coordinator representing the lead organisation, and the lead
    /// organisation becomes its lead partner from today. One SaveChanges.
    /// </summary>
    public async Task<(Partnership? Partnership, WriteOutcome Outcome)> CreateAsync(
        PartnershipRules.Fields fields, PartnershipStatus status, Guid? leadOrganisationId, CancellationToken ct)
    {
        var (tidy, errors) = PartnershipRules.Check(fields);
        Organisation? lead = null;
        if (leadOrganisationId is null)
        {
            errors["LeadOrganisationId"] = "Choose the lead organisation";
        }
        else
        {
            lead = await LeadOrganisationChoices().FirstOrDefaultAsync(o => o.Id == leadOrganisationId, ct);
            if (lead is null)
            {
                errors["LeadOrganisationId"] = "Choose an organisation you belong to as an admin or member of staff";
            }
        }

        if (errors.Count > 0)
        {
            return (null, new WriteOutcome(errors));
        }

        var now = clock.GetUtcNow();
        var partnership = new Partnership
        {
            Name = tidy.Name!,
            Purpose = tidy.Purpose!,
            Beneficiaries = tidy.Beneficiaries,
            Area = tidy.Area,
            StartDate = tidy.StartDate,
            EndDate = tidy.EndDate,
            Funder = tidy.Funder,
            Status = status,
            LeadOrganisationId = lead!.Id,
            CreatedAt = now,
        };
        var membership = new PartnershipMembership
        {
            PartnershipId = partnership.Id,
            AccountId = user.Id,
            Role = PartnershipRole.Coordinator,
            OrganisationId = lead.Id,
            CreatedAt = now,
        };
        var partner = new Partner
        {
            PartnershipId = partnership.Id,
            OrganisationId = lead.Id,
            Role = PartnerRole.Lead,
            JoinedOn = London.Today(clock),
            LeadContactId = user.Id,
        };
        db.AddRange(partnership, membership, partner);
        auditor.Record(AuditActions.PartnershipCreated, nameof(Partnership), partnership.Id, partnershipId: partnership.Id, details: partnership.Name);
        auditor.Record(AuditActions.PartnerAdded, nameof(Partner), partner.Id, organisationId: lead.Id, partnershipId: partnership.Id, details: $"{lead.Name} as {PartnerRole.Lead}");
        auditor.Record(AuditActions.PartnershipMemberAdded, nameof(PartnershipMembership), membership.Id, organisationId: lead.Id, partnershipId: partnership.Id,
            details: $"{user.Email} as {PartnershipRole.Coordinator} (creator)");
        await db.SaveChangesAsync(ct);
        return (partnership, WriteOutcome.Ok);
    }

    /// <summary>Changes a partnership's details, refusing a stale edit (DbUpdateConcurrencyException) rather than overwriting.</summary>
    public async Task<WriteOutcome> UpdateAsync(Partnership partnership, PartnershipRules.Fields fields, PartnershipStatus status, int expectedVersion, CancellationToken ct)
    {
        var (tidy, errors) = PartnershipRules.Check(fields);
        if (errors.Count > 0)
        {
            return new WriteOutcome(errors);
        }

        partnership.Name = tidy.Name!;
        partnership.Purpose = tidy.Purpose!;
        partnership.Beneficiaries = tidy.Beneficiaries;
        partnership.Area = tidy.Area;
        partnership.StartDate = tidy.StartDate;
        partnership.EndDate = tidy.EndDate;
        partnership.Funder = tidy.Funder;
        partnership.Status = status;
        db.ExpectVersion(partnership, expectedVersion);
        auditor.Record(AuditActions.PartnershipChanged, nameof(Partnership), partnership.Id, partnershipId: partnership.Id,
            details: $"Edited from version {expectedVersion}");
        await db.SaveChangesAsync(ct);
        return WriteOutcome.Ok;
    }

    /// <summary>Organisations of the network that are not yet partners of this partnership.</summary>
    public IQueryable<Organisation> PossiblePartners(Guid partnershipId) =>
        db.Set<Organisation>().Where(o => !db.Set<Partner>().Any(p => p.PartnershipId == partnershipId && p.OrganisationId == o.Id));

    public async Task<(Partner? Partner, WriteOutcome Outcome)> AddPartnerAsync(Guid partnershipId, Guid? organisationId, PartnerRole role, DateOnly? joinedOn, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var organisation = organisationId is null ? null : await db.Set<Organisation>().FirstOrDefaultAsync(o => o.Id == organisationId, ct);
        if (organisation is null)
        {
            errors["OrganisationId"] = "Choose an organisation";
        }

        if (joinedOn is null)
        {
            errors["JoinedOn"] = "Enter the date the organisation joined";
        }

        if (errors.Count > 0)
        {
            return (null, new WriteOutcome(errors));
        }

        if (await db.Set<Partner>().AnyAsync(p => p.PartnershipId == partnershipId && p.OrganisationId == organisation!.Id, ct))
        {
            return (null, new WriteOutcome(new() { ["OrganisationId"] = $"{organisation!.Name} is already a partner" }, $"{organisation.Name} is already a partner."));
        }

        var partner = new Partner { PartnershipId = partnershipId, OrganisationId = organisation!.Id, Role = role, JoinedOn = joinedOn!.Value };
        db.Add(partner);
        auditor.Record(AuditActions.PartnerAdded, nameof(Partner), partner.Id, organisationId: organisation.Id, partnershipId: partnershipId,
            details: $"{organisation.Name} as {role}");
        await db.SaveChangesAsync(ct);
        return (partner, WriteOutcome.Ok);
    }

    /// <summary>People who belong to one of the partnership's partner organisations and are not yet members.</summary>
    public IQueryable<OrganisationMembership> PeopleInPartnerOrganisations(Guid partnershipId) =>
        db.Set<OrganisationMembership>().Where(m =>
            db.Set<Partner>().Any(p => p.PartnershipId == partnershipId && p.OrganisationId == m.OrganisationId && p.LeftOn == null) &&
            !db.Set<PartnershipMembership>().Any(pm => pm.PartnershipId == partnershipId && pm.AccountId == m.AccountId));

    /// <summary>
    /// Adds an existing person who belongs to a partner organisation. When <paramref name="organisationId"/> is null,
    /// they represent the (first, by name) partner organisation they belong to.
    /// </summary>
    public async Task<(PartnershipMembership? Member, WriteOutcome Outcome)> AddMemberAsync(
        Guid partnershipId, Guid accountId, PartnershipRole role, Guid? organisationId, CancellationToken ct)
    {
        if (await db.Set<PartnershipMembership>().AnyAsync(m => m.PartnershipId == partnershipId && m.AccountId == accountId, ct))
        {
            return (null, new WriteOutcome(new() { ["AccountId"] = "This person is already a member of the partnership" }, "This person is already a member of the partnership."));
        }

        var eligible = await db.Set<OrganisationMembership>()
            .Where(m => m.AccountId == accountId &&
                        db.Set<Partner>().Any(p => p.PartnershipId == partnershipId && p.OrganisationId == m.OrganisationId && p.LeftOn == null))
            .Where(m => organisationId == null || m.OrganisationId == organisationId)
            .OrderBy(m => m.Organisation!.Name)
            .Select(m => new { m.OrganisationId, m.Account!.Email })
            .FirstOrDefaultAsync(ct);
        if (eligible is null)
        {
            return (null, new WriteOutcome(new()
            {
                [organisationId is null ? "AccountId" : "OrganisationId"] = organisationId is null
                    ? "This person does not belong to any of the partner organisations. Invite them by e-mail instead"
                    : "This person does not belong to that partner organisation",
            }));
        }

        var member = new PartnershipMembership
        {
            PartnershipId = partnershipId,
            AccountId = accountId,
            Role = role,
            OrganisationId = eligible.OrganisationId,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Add(member);
        auditor.Record(AuditActions.PartnershipMemberAdded, nameof(PartnershipMembership), member.Id, organisationId: eligible.OrganisationId,
            partnershipId: partnershipId, details: $"{eligible.Email} as {role}");
        await db.SaveChangesAsync(ct);
        return (member, WriteOutcome.Ok);
    }

    public async Task<WriteOutcome> ChangeMemberRoleAsync(Guid partnershipId, Guid accountId, PartnershipRole role, CancellationToken ct)
    {
        var member = await db.Set<PartnershipMembership>().Include(m => m.Account)
            .FirstOrDefaultAsync(m => m.PartnershipId == partnershipId && m.AccountId == accountId, ct);
        if (member is null)
        {
            return new WriteOutcome(new() { [""] = "That person is no longer a member of the partnership" });
        }

        if (member.Role == role)
        {
            return WriteOutcome.Ok;
        }

        var coordinators = await db.Set<PartnershipMembership>().CountAsync(m => m.PartnershipId == partnershipId && m.Role == PartnershipRole.Coordinator, ct);
        if (PartnershipRules.WouldLeaveNoCoordinator(member.Role, role, coordinators))
        {
            return new WriteOutcome(new() { [""] = $"{Name(member)} is the only coordinator. Make someone else a coordinator first, so the partnership always has one" });
        }

        auditor.Record(AuditActions.PartnershipRoleChanged, nameof(PartnershipMembership), member.Id, organisationId: member.OrganisationId,
            partnershipId: partnershipId, details: $"{member.Account?.Email}: {member.Role} to {role}");
        member.Role = role;
        await db.SaveChangesAsync(ct);
        return WriteOutcome.Ok;
    }

    public async Task<WriteOutcome> RemoveMemberAsync(Guid partnershipId, Guid accountId, CancellationToken ct)
    {
        var member = await db.Set<PartnershipMembership>().Include(m => m.Account)
            .FirstOrDefaultAsync(m => m.PartnershipId == partnershipId && m.AccountId == accountId, ct);
        if (member is null)
        {
            return WriteOutcome.Ok;
        }

        var coordinators = await db.Set<PartnershipMembership>().CountAsync(m => m.PartnershipId == partnershipId && m.Role == PartnershipRole.Coordinator, ct);
        if (PartnershipRules.WouldLeaveNoCoordinator(member.Role, null, coordinators))
        {
            return new WriteOutcome(new() { [""] = $"{Name(member)} is the only coordinator and cannot be removed. Make someone else a coordinator first" });
        }

        db.Remove(member);
        // A person who leaves stops being a partner's lead contact.
        var contactOf = await db.Set<Partner>().Where(p => p.PartnershipId == partnershipId && p.LeadContactId == accountId).ToListAsync(ct);
        foreach (var partner in contactOf)
        {
            partner.LeadContactId = null;
        }

        auditor.Record(AuditActions.PartnershipMemberRemoved, nameof(PartnershipMembership), member.Id, organisationId: member.OrganisationId,
            partnershipId: partnershipId, details: $"{member.Account?.Email} ({member.Role})");
        await db.SaveChangesAsync(ct);
        return WriteOutcome.Ok;
    }

    private static string Name(PartnershipMembership m) =>
        string.IsNullOrWhiteSpace(m.Account?.DisplayName) ? m.Account?.Email ?? "This person" : m.Account.DisplayName;
}
