using Concord.Web.Features.Accounts;
using Concord.Web.Features.Audit;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Organisations;

/// <summary>
/// Organisations of the network. Members see their own organisations; network admins see and manage all.
/// Organisation admins (and network admins) invite people. A miss or someone else's organisation is a 404.
/// </summary>
public static class OrganisationsApi
{
    public sealed record OrganisationDto(Guid Id, string Name, string Type, string? CharityNumber, string? CompanyNumber,
        string IncomeBand, string? Address, string? Website, DateTimeOffset CreatedAt, int Version, string? MyRole);

    public sealed record NewOrganisation(string? Name, string? Type, string? CharityNumber, string? CompanyNumber,
        string? IncomeBand, string? Address, string? Website, string? FirstAdminEmail);

    public sealed record MemberDto(Guid AccountId, string Name, string? Email, string Role, DateTimeOffset JoinedAt);

    public sealed record NewInvitation(string? Email, string? Role);

    public sealed record InvitationDto(Guid Id, string Email, string Role, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

    public static RouteGroupBuilder MapOrganisationsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/organisations").WithTags("Organisations").RequireAuthorization(AuthSetup.ApiPolicy);
        group.MapGet("/", ListAsync)
            .WithName("ListOrganisations")
            .WithSummary("Your organisations (a network admin sees all), by name, a page at a time; `q` filters by name.");
        group.MapPost("/", CreateAsync)
            .WithName("CreateOrganisation")
            .WithSummary("Adds an organisation to the network (network admins). `firstAdminEmail` invites its first admin.");
        group.MapGet("/{id:guid}", GetAsync)
            .WithName("GetOrganisation")
            .WithSummary("One organisation you belong to (network admins: any).");
        group.MapGet("/{id:guid}/members", MembersAsync)
            .WithName("ListOrganisationMembers")
            .WithSummary("The people in an organisation with their e-mail addresses and roles. The read is recorded in the audit trail.");
        group.MapPost("/{id:guid}/invitations", InviteAsync)
            .WithName("InviteToOrganisation")
            .RequireRateLimiting(Concord.Web.Infrastructure.Auth.AuthSetup.InvitationRateLimit)
            .WithSummary("Invites a person by e-mail to join the organisation in a role (organisation admins and network admins).");
        group.MapDelete("/{id:guid}/members/{accountId:guid}", RemoveMemberAsync)
            .WithName("RemoveOrganisationMember")
            .WithSummary("Removes a person from the organisation (organisation admins and network admins). The last admin cannot be removed: 409.");
        return api;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveMemberAsync(
        Guid id, Guid accountId, CurrentUser user, OrganisationAccess access, OrganisationCommands commands, CancellationToken ct)
    {
        var found = await access.FindAsync(id, ct);
        if (found is null)
        {
            return NotFoundProblem();
        }

        if (!found.CanManage || user.IsReadOnly)
        {
            return Forbidden(user.IsReadOnly ? "Your token is read-only." : "Only the organisation's admins remove people.");
        }

        var outcome = await commands.RemoveAsync(id, accountId, ct);
        if (ReferenceEquals(outcome, WriteOutcome.NotFound))
        {
            return NotFoundProblem();
        }

        return outcome.Conflict is not null
            ? TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The last admin stays", detail: outcome.Conflict)
            : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<PagedList<OrganisationDto>>, ValidationProblem>> ListAsync(
        ConcordDb db, CurrentUser user, OrganisationAccess access, int? page, int? pageSize, string? q, CancellationToken ct)
    {
        if (StrictPaging.Check(page, pageSize, out var p, out var size) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = user.IsNetworkAdmin ? db.Set<Organisation>() : access.MyOrganisations();
        if (OrganisationRules.Tidy(q) is { } search)
        {
            var pattern = "%" + search.ToLowerInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            query = query.Where(o => EF.Functions.Like(o.Name.ToLower(), pattern, "\\"));
        }

        var total = await query.CountAsync(ct);
        var me = user.Id;
        var items = await query.OrderBy(o => o.Name).ThenBy(o => o.Id).Skip((p - 1) * size).Take(size)
            .Select(o => new
            {
                Organisation = o,
                Role = db.Set<OrganisationMembership>().Where(m => m.OrganisationId == o.Id && m.AccountId == me).Select(m => (OrganisationRole?)m.Role).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return TypedResults.Ok(new PagedList<OrganisationDto>(items.Select(i => ToDto(i.Organisation, i.Role)).ToList(), p, size, total));
    }

    private static async Task<Results<Ok<OrganisationDto>, ProblemHttpResult>> GetAsync(
        Guid id, OrganisationAccess access, CancellationToken ct)
    {
        var found = await access.FindAsync(id, ct);
        return found is null ? NotFoundProblem() : TypedResults.Ok(ToDto(found.Organisation, found.Role));
    }

    private static async Task<Results<Created<OrganisationDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        NewOrganisation input, ConcordDb db, CurrentUser user, Auditor auditor, InvitationIssuer invitations, TimeProvider clock, CancellationToken ct)
    {
        if (!user.IsNetworkAdmin || user.IsReadOnly)
        {
            return Forbidden(user.IsReadOnly ? "Your token is read-only." : "Only network admins add organisations.");
        }

        var (tidy, fieldErrors) = OrganisationRules.Check(new(input.Name, input.CharityNumber, input.CompanyNumber, input.Website, input.Address));
        var errors = fieldErrors.ToDictionary(e => Camel(e.Key), e => new[] { e.Value });
        var type = OrganisationType.Charity;
        if (input.Type is not null && !PartnershipRules.TryParseName(input.Type, out type))
        {
            errors["type"] = [$"Unknown organisation type. Use one of: {string.Join(", ", Enum.GetNames<OrganisationType>())}."];
        }

        var income = IncomeBand.NotGiven;
        if (input.IncomeBand is not null && !PartnershipRules.TryParseName(input.IncomeBand, out income))
        {
            errors["incomeBand"] = [$"Unknown income band. Use one of: {string.Join(", ", Enum.GetNames<IncomeBand>())}."];
        }

        var adminEmail = OrganisationRules.Tidy(input.FirstAdminEmail);
        if (adminEmail is not null && !OrganisationRules.IsEmail(adminEmail))
        {
            errors["firstAdminEmail"] = ["Enter an e-mail address in the right format, like name@example.org."];
        }

        if (tidy.Name is not null && !errors.ContainsKey("name") && await NameTakenAsync(db, tidy.Name, null, ct))
        {
            errors["name"] = ["An organisation with this name is already in the network."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var organisation = new Organisation
        {
            Name = tidy.Name!,
            Type = type,
            CharityNumber = tidy.CharityNumber,
            CompanyNumber = tidy.CompanyNumber,
            IncomeBand = income,
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
        return TypedResults.Created($"/api/v1/organisations/{organisation.Id}", ToDto(organisation, null));
    }

    private static async Task<Results<Ok<List<MemberDto>>, ProblemHttpResult>> MembersAsync(
        Guid id, ConcordDb db, OrganisationAccess access, Auditor auditor, CancellationToken ct)
    {
        var found = await access.FindAsync(id, ct);
        if (found is null)
        {
            return NotFoundProblem();
        }

        var members = await db.Set<OrganisationMembership>()
            .Where(m => m.OrganisationId == id)
            .OrderBy(m => m.Account!.DisplayName).ThenBy(m => m.Account!.Email)
            .Select(m => new MemberDto(m.AccountId, m.Account!.DisplayName, m.Account.Email, m.Role.ToString(), m.CreatedAt))
            .ToListAsync(ct);
        await auditor.RecordReadAsync("Organisation members with e-mail addresses (API)", nameof(Organisation), id, organisationId: id, ct: ct);
        return TypedResults.Ok(members);
    }

    private static async Task<Results<Created<InvitationDto>, ValidationProblem, ProblemHttpResult>> InviteAsync(
        Guid id, NewInvitation input, ConcordDb db, CurrentUser user, OrganisationAccess access, InvitationIssuer invitations, CancellationToken ct)
    {
        var found = await access.FindAsync(id, ct);
        if (found is null)
        {
            return NotFoundProblem();
        }

        if (!found.CanManage || user.IsReadOnly)
        {
            return Forbidden(user.IsReadOnly ? "Your token is read-only." : "Only the organisation's admins invite people.");
        }

        var errors = new Dictionary<string, string[]>();
        var email = OrganisationRules.Tidy(input.Email);
        if (!OrganisationRules.IsEmail(email))
        {
            errors["email"] = ["Enter an e-mail address in the right format, like name@example.org."];
        }

        if (!PartnershipRules.TryParseName<OrganisationRole>(input.Role, out var role))
        {
            errors["role"] = [$"Unknown role. Use one of: {string.Join(", ", Enum.GetNames<OrganisationRole>())}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await invitations.OrganisationProblemAsync(id, email!, ct) is { } problem)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already a member or invited", detail: problem + ".");
        }

        var invitation = invitations.InviteToOrganisation(found.Organisation, email!, role);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/organisations/{id}/invitations/{invitation.Id}",
            new InvitationDto(invitation.Id, invitation.Email, role.ToString(), invitation.CreatedAt, invitation.ExpiresAt));
    }

    public static Task<bool> NameTakenAsync(ConcordDb db, string name, Guid? except, CancellationToken ct)
    {
        var lower = name.ToLower();
        return db.Set<Organisation>().AnyAsync(o => o.Name.ToLower() == lower && o.Id != except, ct);
    }

    private static OrganisationDto ToDto(Organisation o, OrganisationRole? role) =>
        new(o.Id, o.Name, o.Type.ToString(), o.CharityNumber, o.CompanyNumber, o.IncomeBand.ToString(), o.Address, o.Website,
            o.CreatedAt, o.Version, role?.ToString());

    internal static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    internal static ProblemHttpResult NotFoundProblem() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
            detail: "There is nothing at this address that you can see.");

    internal static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: detail);
}
