using Concord.Web.Features.Audit;
using Concord.Web.Features.Organisations;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Time;
using Concord.Web.Infrastructure.Writes;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Partnerships;

/// <summary>
/// The writes that pages and the API share, each one SaveChanges with its audit lines. Each write on an existing
/// partnership takes the request's <see cref="PartnershipScope"/> and checks the operation itself, so no command can be
/// called for a partnership the caller is not in. Errors are keyed by field name (PascalCase).
/// </summary>
public sealed class PartnershipCommands(ConcordDb db, CurrentUser user, Auditor auditor, TimeProvider clock)
{
    /// <summary>Organisations the caller may name as lead: those they belong to as admin or staff (network admins: any).</summary>
    public IQueryable<Organisation> LeadOrganisationChoices() =>
        user.IsNetworkAdmin
            ? db.Set<Organisation>()
            : db.Set<Organisation>().Where(o => db.Set<OrganisationMembership>().Any(m =>
                m.OrganisationId == o.Id && m.AccountId == user.Id && (m.Role == OrganisationRole.Admin || m.Role == OrganisationRole.Staff)));

    /// <summary>Whether the caller may start a partnership: a network admin, or an admin or member of staff of some organisation.</summary>
    public Task<bool> CanStartAsync(CancellationToken ct) =>
        user.IsReadOnly ? Task.FromResult(false) : user.IsNetworkAdmin ? Task.FromResult(true) : LeadOrganisationChoices().AnyAsync(ct);

    private static FieldErrors ToErrors(Dictionary<string, string> errors) => new FieldErrors().AddRange(errors);

    private static WriteFailure Refused(PartnershipScope scope, PartnershipOperation operation) =>
        WriteFailure.Forbidden(scope.ReadOnlyToken && operation != PartnershipOperation.View
            ? "Your token is read-only"
            : Permissions.Refusal(scope.Role, operation));

    /// <summary>
    /// Starts a partnership: the creator becomes its coordinator representing the lead organisation, and the lead
    /// organisation becomes its lead partner from today. One SaveChanges.
    /// </summary>
    public async Task<WriteResult<Partnership>> CreateAsync(PartnershipRules.Fields fields, PartnershipStatus status, Guid? leadOrganisationId, CancellationToken ct)
    {
        if (user.IsReadOnly)
        {
            return WriteFailure.Forbidden("Your token is read-only");
        }

        var (tidy, found) = PartnershipRules.Check(fields);
        var errors = ToErrors(found);
        Organisation? lead = null;
        if (leadOrganisationId is null)
        {
            errors.Add("LeadOrganisationId", "Choose the lead organisation");
        }
        else
        {
            lead = await LeadOrganisationChoices().FirstOrDefaultAsync(o => o.Id == leadOrganisationId, ct);
            if (lead is null)
            {
                errors.Add("LeadOrganisationId", "Choose an organisation you belong to as an admin or member of staff");
            }
        }

        if (errors.Any)
        {
            return WriteFailure.Invalid(errors);
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
        return partnership;
    }

    /// <summary>Changes a partnership's details. A missing or stale <paramref name="expectedVersion"/> writes nothing;
    /// stale answers with the partnership as it is saved now.</summary>
    public async Task<WriteResult<Partnership>> UpdateAsync(PartnershipScope scope, PartnershipRules.Fields fields, PartnershipStatus? status, int? expectedVersion, CancellationToken ct)
    {
        if (!scope.Can(PartnershipOperation.Manage))
        {
            return Refused(scope, PartnershipOperation.Manage);
        }

        var partnership = await db.Set<Partnership>().FirstOrDefaultAsync(p => p.Id == scope.Id, ct);
        if (partnership is null)
        {
            return WriteFailure.NotFound();
        }

        var (tidy, found) = PartnershipRules.Check(fields);
        var errors = ToErrors(found);
        if (expectedVersion is null)
        {
            errors.Add("Version", "Send the version of the partnership you read, so a stale edit is not saved over someone else's");
        }

        if (status is { } s && !Enum.IsDefined(s))
        {
            errors.Add("Status", "Choose the partnership's status");
        }

        if (errors.Any)
        {
            return WriteFailure.Invalid(errors);
        }

        if (partnership.Version != expectedVersion)
        {
            db.Entry(partnership).State = EntityState.Detached;
            return WriteFailure.Stale(WriteFailure.StaleMessage("partnership"), partnership);
        }

        db.ExpectVersion(partnership, expectedVersion!.Value);
        partnership.Name = tidy.Name!;
        partnership.Purpose = tidy.Purpose!;
        partnership.Beneficiaries = tidy.Beneficiaries;
        partnership.Area = tidy.Area;
        partnership.StartDate = tidy.StartDate;
        partnership.EndDate = tidy.EndDate;
        partnership.Funder = tidy.Funder;
        partnership.Status = status ?? partnership.Status;
        // Save even when nothing changed, so a stale version is still refused.
        db.Entry(partnership).State = EntityState.Modified;
        auditor.Record(AuditActions.PartnershipChanged, nameof(Partnership), partnership.Id, partnershipId: partnership.Id,
            details: $"Edited from version {expectedVersion}");
        return await db.SaveVersionedAsync(partnership, "partnership", ct);
    }

    /// <summary>Organisations of the network that are not yet partners of this partnership.</summary>
    public IQueryable<Organisation> PossiblePartners(PartnershipScope scope) =>
        db.Set<Organisation>().Where(o => !db.Set<Partner>().Any(p => p.PartnershipId == scope.Id && p.OrganisationId == o.Id));

    /// <summary>True when the organisation is already a partner (the API answers that 409 before calling <see cref="AddPartnerAsync"/>).</summary>
    public Task<bool> IsPartnerAsync(PartnershipScope scope, Guid? organisationId, CancellationToken ct) =>
        db.Set<Partner>().AnyAsync(p => p.PartnershipId == scope.Id && p.OrganisationId == organisationId, ct);

    public async Task<WriteResult<Partner>> AddPartnerAsync(PartnershipScope scope, Guid? organisationId, PartnerRole role, DateOnly? joinedOn, CancellationToken ct)
    {
        if (!scope.Can(PartnershipOperation.Manage))
        {
            return Refused(scope, PartnershipOperation.Manage);
        }

        var errors = new FieldErrors();
        var organisation = organisationId is null ? null : await db.Set<Organisation>().FirstOrDefaultAsync(o => o.Id == organisationId, ct);
        if (organisation is null)
        {
            errors.Add("OrganisationId", "Choose an organisation");
        }

        if (joinedOn is null)
        {
            errors.Add("JoinedOn", "Enter the date the organisation joined");
        }

        if (!Enum.IsDefined(role))
        {
            errors.Add("Role", "Choose the partner role");
        }

        if (!errors.Any && await IsPartnerAsync(scope, organisation!.Id, ct))
        {
            errors.Add("OrganisationId", $"{organisation.Name} is already a partner");
        }

        if (errors.Any)
        {
            return WriteFailure.Invalid(errors);
        }

        var partner = new Partner { PartnershipId = scope.Id, OrganisationId = organisation!.Id, Role = role, JoinedOn = joinedOn!.Value };
        db.Add(partner);
        auditor.Record(AuditActions.PartnerAdded, nameof(Partner), partner.Id, organisationId: organisation.Id, partnershipId: scope.Id,
            details: $"{organisation.Name} as {role}");
        await db.SaveChangesAsync(ct);
        return partner;
    }

    /// <summary>The members who represent the partner's organisation: the people who may be its lead contact.</summary>
    public IQueryable<PartnershipMembership> PossibleLeadContacts(PartnershipScope scope, Guid organisationId) =>
        db.Set<PartnershipMembership>().Where(m => m.PartnershipId == scope.Id && m.OrganisationId == organisationId);

    /// <summary>Changes a partner's lead contact and the date it left. A missing or stale version writes nothing.</summary>
    public async Task<WriteResult<Partner>> UpdatePartnerAsync(PartnershipScope scope, Guid partnerId, Guid? leadContactId, DateOnly? leftOn, int? expectedVersion, CancellationToken ct)
    {
        var partner = await db.Set<Partner>().FirstOrDefaultAsync(p => p.Id == partnerId && p.PartnershipId == scope.Id, ct);
        if (partner is null)
        {
            return WriteFailure.NotFound();
        }

        if (!scope.Can(PartnershipOperation.Manage))
        {
            return Refused(scope, PartnershipOperation.Manage);
        }

        var errors = new FieldErrors();
        if (expectedVersion is null)
        {
            errors.Add("Version", "Send the version of the partner you read, so a stale edit is not saved over someone else's");
        }

        if (leadContactId is { } contact && !await PossibleLeadContacts(scope, partner.OrganisationId).AnyAsync(m => m.AccountId == contact, ct))
        {
            errors.Add("LeadContactId", "Choose a member of the partnership who represents this organisation");
        }

        if (leftOn is { } left && left < partner.JoinedOn)
        {
            errors.Add("LeftOn", $"The date it left must be on or after the date it joined, {Shared.Display.Date(partner.JoinedOn)}");
        }

        if (leftOn is not null && partner.OrganisationId == scope.Partnership.LeadOrganisationId)
        {
            errors.Add("LeftOn", "The lead organisation cannot leave the partnership");
        }

        if (errors.Any)
        {
            return WriteFailure.Invalid(errors);
        }

        if (partner.Version != expectedVersion)
        {
            db.Entry(partner).State = EntityState.Detached;
            return WriteFailure.Stale(WriteFailure.StaleMessage("partner"), partner);
        }

        db.ExpectVersion(partner, expectedVersion!.Value);
        auditor.Record(AuditActions.PartnershipChanged, nameof(Partner), partner.Id, organisationId: partner.OrganisationId, partnershipId: scope.Id,
            details: $"Lead contact {partner.LeadContactId?.ToString() ?? "none"} to {leadContactId?.ToString() ?? "none"}; left {partner.LeftOn?.ToString("yyyy-MM-dd") ?? "no"} to {leftOn?.ToString("yyyy-MM-dd") ?? "no"}");
        partner.LeadContactId = leadContactId;
        partner.LeftOn = leftOn;
        db.Entry(partner).State = EntityState.Modified;
        return await db.SaveVersionedAsync(partner, "partner", ct);
    }

    /// <summary>People who belong to one of the partnership's partner organisations and are not yet members.</summary>
    public IQueryable<OrganisationMembership> PeopleInPartnerOrganisations(PartnershipScope scope) =>
        db.Set<OrganisationMembership>().Where(m =>
            db.Set<Partner>().Any(p => p.PartnershipId == scope.Id && p.OrganisationId == m.OrganisationId && p.LeftOn == null) &&
            !db.Set<PartnershipMembership>().Any(pm => pm.PartnershipId == scope.Id && pm.AccountId == m.AccountId));

    /// <summary>True when the person is already a member (the API answers that 409 before calling <see cref="AddMemberAsync"/>).</summary>
    public Task<bool> IsMemberAsync(PartnershipScope scope, Guid accountId, CancellationToken ct) =>
        db.Set<PartnershipMembership>().AnyAsync(m => m.PartnershipId == scope.Id && m.AccountId == accountId, ct);

    /// <summary>
    /// Adds an existing person who belongs to a partner organisation. When <paramref name="organisationId"/> is null,
    /// they represent the (first, by name) partner organisation they belong to.
    /// </summary>
    public async Task<WriteResult<PartnershipMembership>> AddMemberAsync(PartnershipScope scope, Guid accountId, PartnershipRole role, Guid? organisationId, CancellationToken ct)
    {
        if (!scope.Can(PartnershipOperation.Manage))
        {
            return Refused(scope, PartnershipOperation.Manage);
        }

        if (!Enum.IsDefined(role))
        {
            return WriteFailure.Invalid("Role", "Choose the person's role");
        }

        if (await IsMemberAsync(scope, accountId, ct))
        {
            return WriteFailure.Invalid("AccountId", "This person is already a member of the partnership");
        }

        var eligible = await db.Set<OrganisationMembership>()
            .Where(m => m.AccountId == accountId &&
                        db.Set<Partner>().Any(p => p.PartnershipId == scope.Id && p.OrganisationId == m.OrganisationId && p.LeftOn == null))
            .Where(m => organisationId == null || m.OrganisationId == organisationId)
            .OrderBy(m => m.Organisation!.Name)
            .Select(m => new { m.OrganisationId, m.Account!.Email })
            .FirstOrDefaultAsync(ct);
        if (eligible is null)
        {
            return organisationId is null
                ? WriteFailure.Invalid("AccountId", "This person does not belong to any of the partner organisations. Invite them by e-mail instead")
                : WriteFailure.Invalid("OrganisationId", "This person does not belong to that partner organisation");
        }

        var member = new PartnershipMembership
        {
            PartnershipId = scope.Id,
            AccountId = accountId,
            Role = role,
            OrganisationId = eligible.OrganisationId,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Add(member);
        auditor.Record(AuditActions.PartnershipMemberAdded, nameof(PartnershipMembership), member.Id, organisationId: eligible.OrganisationId,
            partnershipId: scope.Id, details: $"{eligible.Email} as {role}");
        await db.SaveChangesAsync(ct);
        return member;
    }

    /// <summary>Changes a member's role; the partnership always keeps a coordinator (a form error otherwise).</summary>
    public async Task<WriteResult<PartnershipMembership>> ChangeMemberRoleAsync(PartnershipScope scope, Guid accountId, PartnershipRole role, CancellationToken ct)
    {
        if (!scope.Can(PartnershipOperation.Manage))
        {
            return Refused(scope, PartnershipOperation.Manage);
        }

        var member = await db.Set<PartnershipMembership>().Include(m => m.Account)
            .FirstOrDefaultAsync(m => m.PartnershipId == scope.Id && m.AccountId == accountId, ct);
        if (member is null)
        {
            return WriteFailure.NotFound("That person is no longer a member of the partnership");
        }

        if (!Enum.IsDefined(role))
        {
            return WriteFailure.Invalid("Role", "Choose a role");
        }

        if (member.Role == role)
        {
            return member;
        }

        var coordinators = await db.Set<PartnershipMembership>().CountAsync(m => m.PartnershipId == scope.Id && m.Role == PartnershipRole.Coordinator, ct);
        if (PartnershipRules.WouldLeaveNoCoordinator(member.Role, role, coordinators))
        {
            return WriteFailure.Invalid("", $"{Name(member)} is the only coordinator. Make someone else a coordinator first, so the partnership always has one");
        }

        auditor.Record(AuditActions.PartnershipRoleChanged, nameof(PartnershipMembership), member.Id, organisationId: member.OrganisationId,
            partnershipId: scope.Id, details: $"{member.Account?.Email}: {member.Role} to {role}");
        member.Role = role;
        await db.SaveChangesAsync(ct);
        return member;
    }

    /// <summary>Removes a member (never the last coordinator). Someone who is not a member is NotFound.</summary>
    public async Task<WriteResult<PartnershipMembership>> RemoveMemberAsync(PartnershipScope scope, Guid accountId, CancellationToken ct)
    {
        if (!scope.Can(PartnershipOperation.Manage))
        {
            return Refused(scope, PartnershipOperation.Manage);
        }

        var member = await db.Set<PartnershipMembership>().Include(m => m.Account)
            .FirstOrDefaultAsync(m => m.PartnershipId == scope.Id && m.AccountId == accountId, ct);
        if (member is null)
        {
            return WriteFailure.NotFound("That person is no longer a member of the partnership");
        }

        var coordinators = await db.Set<PartnershipMembership>().CountAsync(m => m.PartnershipId == scope.Id && m.Role == PartnershipRole.Coordinator, ct);
        if (PartnershipRules.WouldLeaveNoCoordinator(member.Role, null, coordinators))
        {
            return WriteFailure.Invalid("", $"{Name(member)} is the only coordinator and cannot be removed. Make someone else a coordinator first");
        }

        db.Remove(member);
        // A person who leaves stops being a partner's lead contact.
        var contactOf = await db.Set<Partner>().Where(p => p.PartnershipId == scope.Id && p.LeadContactId == accountId).ToListAsync(ct);
        foreach (var partner in contactOf)
        {
            partner.LeadContactId = null;
        }

        auditor.Record(AuditActions.PartnershipMemberRemoved, nameof(PartnershipMembership), member.Id, organisationId: member.OrganisationId,
            partnershipId: scope.Id, details: $"{member.Account?.Email} ({member.Role})");
        await db.SaveChangesAsync(ct);
        return member;
    }

    private static string Name(PartnershipMembership m) =>
        string.IsNullOrWhiteSpace(m.Account?.DisplayName) ? m.Account?.Email ?? "This person" : m.Account.DisplayName;
}
