using Concord.Web.Features.Accounts;
using Concord.Web.Features.Audit;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Writes;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Organisations;

/// <summary>An organisation's record as a person types it (pages and the API).</summary>
public sealed record OrganisationFields(string? Name, OrganisationType Type, string? CharityNumber, string? CompanyNumber,
    IncomeBand IncomeBand, string? Address, string? Website);

/// <summary>
/// Writes to an organisation and its people shared by pages and the API, each one SaveChanges with its audit line. Each write
/// on an existing organisation takes the request's <see cref="OrganisationScope"/> and checks the operation itself.
/// </summary>
public sealed class OrganisationCommands(ConcordDb db, CurrentUser user, Auditor auditor, InvitationIssuer invitations, TimeProvider clock)
{
    private static WriteFailure Refused(OrganisationScope scope) =>
        WriteFailure.Forbidden(scope.ReadOnlyToken ? "Your token is read-only" : "Only the organisation's admins and network admins do this");

    public Task<bool> NameTakenAsync(string name, Guid? except, CancellationToken ct)
    {
        var lower = name.ToLower();
        return db.Set<Organisation>().AnyAsync(o => o.Name.ToLower() == lower && o.Id != except, ct);
    }

    private async Task<(OrganisationRules.Fields Tidy, FieldErrors Errors)> CheckAsync(OrganisationFields f, Guid? except, FieldErrors? inputErrors, CancellationToken ct)
    {
        var (tidy, found) = OrganisationRules.Check(new(f.Name, f.CharityNumber, f.CompanyNumber, f.Website, f.Address));
        var errors = new FieldErrors().AddRange(found).AddRange(inputErrors ?? new FieldErrors());
        if (!Enum.IsDefined(f.Type))
        {
            errors.Add("Type", "Choose the type of organisation");
        }

        if (!Enum.IsDefined(f.IncomeBand))
        {
            errors.Add("IncomeBand", "Choose the yearly income");
        }

        if (tidy.Name is not null && !errors.ContainsKey("Name") && await NameTakenAsync(tidy.Name, except, ct))
        {
            errors.Add("Name", except is null ? "An organisation with this name is already in the network" : "Another organisation in the network already has this name");
        }

        return (tidy, errors);
    }

    /// <summary>Adds an organisation to the network (network admins), optionally inviting its first admin.</summary>
    /// <param name="inputErrors">What the caller found wrong in the input before it got here (an API's unknown type), reported with the rest.</param>
    public async Task<WriteResult<Organisation>> CreateAsync(OrganisationFields f, string? firstAdminEmail, CancellationToken ct, FieldErrors? inputErrors = null)
    {
        if (!user.IsNetworkAdmin || user.IsReadOnly)
        {
            return WriteFailure.Forbidden(user.IsReadOnly ? "Your token is read-only" : "Only network admins add organisations");
        }

        var (tidy, errors) = await CheckAsync(f, null, inputErrors, ct);
        var adminEmail = OrganisationRules.Tidy(firstAdminEmail);
        if (adminEmail is not null && !OrganisationRules.IsEmail(adminEmail))
        {
            errors.Add("FirstAdminEmail", "Enter an e-mail address in the right format, like name@example.org");
        }

        if (errors.Any)
        {
            return WriteFailure.Invalid(errors);
        }

        var organisation = new Organisation
        {
            Name = tidy.Name!,
            Type = f.Type,
            CharityNumber = tidy.CharityNumber,
            CompanyNumber = tidy.CompanyNumber,
            IncomeBand = f.IncomeBand,
            Address = tidy.Address,
            Website = tidy.Website,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Add(organisation);
        auditor.Record(AuditActions.OrganisationCreated, nameof(Organisation), organisation.Id, organisationId: organisation.Id, details: organisation.Name);
        if (adminEmail is not null)
        {
            invitations.InviteToOrganisation(organisation, adminEmail, OrganisationRole.Admin);
        }

        await db.SaveChangesAsync(ct);
        return organisation;
    }

    /// <summary>Changes the organisation's record. A missing or stale version writes nothing; stale answers with the record as saved now.</summary>
    public async Task<WriteResult<Organisation>> UpdateAsync(OrganisationScope scope, OrganisationFields f, int? expectedVersion, CancellationToken ct, FieldErrors? inputErrors = null)
    {
        if (!scope.Can(OrganisationOperation.Manage))
        {
            return Refused(scope);
        }

        var organisation = await db.Set<Organisation>().FirstOrDefaultAsync(o => o.Id == scope.Id, ct);
        if (organisation is null)
        {
            return WriteFailure.NotFound();
        }

        var (tidy, errors) = await CheckAsync(f, scope.Id, inputErrors, ct);
        if (expectedVersion is null)
        {
            errors.Add("Version", "Send the version of the organisation you read, so a stale edit is not saved over someone else's");
        }

        if (errors.Any)
        {
            return WriteFailure.Invalid(errors);
        }

        if (organisation.Version != expectedVersion)
        {
            db.Entry(organisation).State = EntityState.Detached;
            return WriteFailure.Stale(WriteFailure.StaleMessage("organisation"), organisation);
        }

        db.ExpectVersion(organisation, expectedVersion!.Value);
        organisation.Name = tidy.Name!;
        organisation.Type = f.Type;
        organisation.CharityNumber = tidy.CharityNumber;
        organisation.CompanyNumber = tidy.CompanyNumber;
        organisation.IncomeBand = f.IncomeBand;
        organisation.Address = tidy.Address;
        organisation.Website = tidy.Website;
        db.Entry(organisation).State = EntityState.Modified;
        auditor.Record(AuditActions.OrganisationChanged, nameof(Organisation), organisation.Id, organisationId: organisation.Id, details: $"Edited from version {expectedVersion}");
        return await db.SaveVersionedAsync(organisation, "organisation", ct);
    }

    /// <summary>Changes a person's role; the organisation always keeps an admin (a form error otherwise).</summary>
    public async Task<WriteResult<OrganisationMembership>> ChangeRoleAsync(OrganisationScope scope, Guid accountId, OrganisationRole role, CancellationToken ct)
    {
        if (!scope.Can(OrganisationOperation.Manage))
        {
            return Refused(scope);
        }

        var member = await db.Set<OrganisationMembership>().Include(m => m.Account)
            .FirstOrDefaultAsync(m => m.OrganisationId == scope.Id && m.AccountId == accountId, ct);
        if (member is null)
        {
            return WriteFailure.NotFound("That person is no longer a member of the organisation");
        }

        if (!Enum.IsDefined(role))
        {
            return WriteFailure.Invalid("Role", "Choose a role");
        }

        if (member.Role == role)
        {
            return member;
        }

        if (OrganisationRules.WouldLeaveNoAdmin(member.Role, role, await AdminCountAsync(scope.Id, ct)))
        {
            return WriteFailure.Invalid("", $"{Name(member)} is the organisation's only admin. Make someone else an admin first, so someone can always manage its people");
        }

        auditor.Record(AuditActions.OrganisationRoleChanged, nameof(OrganisationMembership), member.Id, organisationId: scope.Id,
            details: $"{member.Account?.Email}: {member.Role} to {role}");
        member.Role = role;
        await db.SaveChangesAsync(ct);
        return member;
    }

    /// <summary>
    /// Removes a person from the organisation (never its last admin: Invalid with a message for the form as a whole).
    /// Their partnership memberships stay; a coordinator decides those. Someone who is not a member is NotFound.
    /// </summary>
    public async Task<WriteResult<OrganisationMembership>> RemoveAsync(OrganisationScope scope, Guid accountId, CancellationToken ct)
    {
        if (!scope.Can(OrganisationOperation.Manage))
        {
            return Refused(scope);
        }

        var member = await db.Set<OrganisationMembership>().Include(m => m.Account)
            .FirstOrDefaultAsync(m => m.OrganisationId == scope.Id && m.AccountId == accountId, ct);
        if (member is null)
        {
            return WriteFailure.NotFound("That person is no longer a member of the organisation");
        }

        if (OrganisationRules.WouldLeaveNoAdmin(member.Role, null, await AdminCountAsync(scope.Id, ct)))
        {
            return WriteFailure.Invalid("", $"{Name(member)} is the organisation's only admin and cannot be removed. Make someone else an admin first");
        }

        db.Remove(member);
        auditor.Record(AuditActions.OrganisationMemberRemoved, nameof(OrganisationMembership), member.Id, organisationId: scope.Id,
            details: $"{member.Account?.Email} ({member.Role})");
        await db.SaveChangesAsync(ct);
        return member;
    }

    /// <summary>Revokes a pending invitation to the organisation; false when it was already accepted or revoked.</summary>
    public async Task<WriteResult<bool>> RevokeInvitationAsync(OrganisationScope scope, Guid invitationId, CancellationToken ct)
    {
        if (!scope.Can(OrganisationOperation.Manage))
        {
            return Refused(scope);
        }

        var invitation = await db.Set<Invitation>()
            .FirstOrDefaultAsync(i => i.Id == invitationId && i.OrganisationId == scope.Id && i.AcceptedAt == null && i.RevokedAt == null, ct);
        if (invitation is null)
        {
            return false;
        }

        invitation.RevokedAt = clock.GetUtcNow();
        auditor.Record(AuditActions.InvitationRevoked, nameof(Invitation), invitation.Id, organisationId: scope.Id, details: invitation.Email);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private Task<int> AdminCountAsync(Guid organisationId, CancellationToken ct) =>
        db.Set<OrganisationMembership>().CountAsync(m => m.OrganisationId == organisationId && m.Role == OrganisationRole.Admin, ct);

    private static string Name(OrganisationMembership m) =>
        string.IsNullOrWhiteSpace(m.Account?.DisplayName) ? m.Account?.Email ?? "This person" : m.Account.DisplayName;
}
