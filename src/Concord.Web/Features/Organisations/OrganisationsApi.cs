using Concord.Web.Features.Accounts;
using Concord.Web.Features.Audit;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Email;
using Concord.Web.Infrastructure.Http;
using Concord.Web.Infrastructure.Writes;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Organisations;

/// <summary>
/// Organisations of the network. Members see their own organisations; network admins see and manage all.
/// Organisation admins (and network admins) change the record and invite people. A miss or someone else's organisation is a 404.
/// </summary>
public static class OrganisationsApi
{
    public sealed record OrganisationDto(Guid Id, string Name, string Type, string? CharityNumber, string? CompanyNumber,
        string IncomeBand, string? Address, string? Website, DateTimeOffset CreatedAt, int Version, string? MyRole);

    public sealed record NewOrganisation(string? Name, string? Type, string? CharityNumber, string? CompanyNumber,
        string? IncomeBand, string? Address, string? Website, string? FirstAdminEmail);

    /// <summary>A change to an organisation's record: <c>version</c> (the version you read) is required.</summary>
    public sealed record OrganisationInput(string? Name, string? Type, string? CharityNumber, string? CompanyNumber,
        string? IncomeBand, string? Address, string? Website, int? Version);

    public sealed record MemberDto(Guid AccountId, string Name, string? Email, string Role, DateTimeOffset JoinedAt);

    public sealed record NewInvitation(string? Email, string? Role);

    /// <summary>
    /// A new invitation. <c>link</c> is the single-use invitation link, given only in this answer (only its hash is stored):
    /// send it to the person yourself if the e-mail does not arrive. <c>emailStatus</c> says what happened to the e-mail:
    /// <c>Queued</c> (Concord sends it shortly), <c>Failing</c> (queued, but sending e-mail has been failing) or
    /// <c>NotConfigured</c> (no mail server is set up, so it will not be sent until one is).
    /// </summary>
    public sealed record InvitationDto(Guid Id, string Email, string Role, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, string Link, string EmailStatus);

    public static RouteGroupBuilder MapOrganisationsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/organisations").WithTags("Organisations").RequireAuthorization(AuthSetup.ApiPolicy);
        group.MapGet("/", ListAsync).WithName("ListOrganisations").ProducesPage<OrganisationDto>()
            .WithSummary("Your organisations (a network admin sees all), by name, a page at a time; `q` filters by name.");
        group.MapPost("/", CreateAsync).WithName("CreateOrganisation").ProducesWrite<OrganisationDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Adds an organisation to the network (network admins). `firstAdminEmail` invites its first admin.");

        var one = group.MapGroup("/{id:guid}").RequireOrganisation();
        one.MapGet("", GetAsync).WithName("GetOrganisation").Produces<OrganisationDto>()
            .WithSummary("One organisation you belong to (network admins: any).");
        one.MapPut("", UpdateAsync).WithName("UpdateOrganisation").RequireOrganisation(OrganisationOperation.Manage)
            .ProducesWrite<OrganisationDto>(stale: true)
            .WithSummary("Changes an organisation's record (its admins and network admins). Send the `version` you read; a stale version gets 409 (with the saved record as `current`) and nothing is saved.");
        one.MapGet("/members", MembersAsync).WithName("ListOrganisationMembers").Produces<List<MemberDto>>()
            .WithSummary("The people in an organisation with their e-mail addresses and roles. The read is recorded in the audit trail.");
        one.MapPost("/invitations", InviteAsync).WithName("InviteToOrganisation").RequireOrganisation(OrganisationOperation.Manage)
            .RequireRateLimiting(AuthSetup.InvitationRateLimit)
            .ProducesWrite<InvitationDto>(StatusCodes.Status201Created, conflict: true)
            .WithSummary("Invites a person by e-mail to join the organisation in a role (organisation admins and network admins). The answer holds the invitation link (shown only here) and whether the e-mail is queued. Someone already a member or invited gets 409.");
        one.MapDelete("/members/{accountId:guid}", RemoveMemberAsync).WithName("RemoveOrganisationMember").RequireOrganisation(OrganisationOperation.Manage)
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Removes a person from the organisation (organisation admins and network admins). The last admin cannot be removed: 409.");
        return api;
    }

    private static async Task<IResult> ListAsync(ConcordDb db, CurrentUser user, OrganisationAccess access, int? page, int? pageSize, string? q, CancellationToken ct)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var request, out var errors))
        {
            return ApiProblems.Invalid(errors);
        }

        var query = user.IsNetworkAdmin ? db.Set<Organisation>() : access.MyOrganisations();
        if (OrganisationRules.Tidy(q) is { } search)
        {
            var pattern = "%" + search.ToLowerInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            query = query.Where(o => EF.Functions.Like(o.Name.ToLower(), pattern, "\\"));
        }

        var total = await query.CountAsync(ct);
        var me = user.Id;
        var items = await query.OrderBy(o => o.Name).ThenBy(o => o.Id).Skip(request.Skip).Take(request.Size)
            .Select(o => new
            {
                Organisation = o,
                Role = db.Set<OrganisationMembership>().Where(m => m.OrganisationId == o.Id && m.AccountId == me).Select(m => (OrganisationRole?)m.Role).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return TypedResults.Ok(request.Of(items.Select(i => ToDto(i.Organisation, i.Role)).ToList(), total));
    }

    private static IResult GetAsync(OrganisationScope scope) => TypedResults.Ok(ToDto(scope.Organisation, scope.Role));

    private static void TryParse(string? type, string? income, OrganisationType fallbackType, IncomeBand fallbackIncome,
        out OrganisationType t, out IncomeBand i, FieldErrors errors)
    {
        t = fallbackType;
        i = fallbackIncome;
        if (type is not null && !PartnershipRules.TryParseName(type, out t))
        {
            errors.Add("Type", $"Unknown organisation type. Use one of: {string.Join(", ", Enum.GetNames<OrganisationType>())}");
        }

        if (income is not null && !PartnershipRules.TryParseName(income, out i))
        {
            errors.Add("IncomeBand", $"Unknown income band. Use one of: {string.Join(", ", Enum.GetNames<IncomeBand>())}");
        }
    }

    private static async Task<IResult> CreateAsync(NewOrganisation input, OrganisationCommands commands, CancellationToken ct)
    {
        var errors = new FieldErrors();
        TryParse(input.Type, input.IncomeBand, OrganisationType.Charity, IncomeBand.NotGiven, out var type, out var income, errors);
        var result = await commands.CreateAsync(
            new OrganisationFields(input.Name, type, input.CharityNumber, input.CompanyNumber, income, input.Address, input.Website), input.FirstAdminEmail, ct, errors);
        return result.ToApi(o => TypedResults.Created($"/api/v1/organisations/{o.Id}", ToDto(o, null)));
    }

    private static async Task<IResult> UpdateAsync(OrganisationInput input, OrganisationScope scope, OrganisationCommands commands, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var o = scope.Organisation;
        TryParse(input.Type, input.IncomeBand, o.Type, o.IncomeBand, out var type, out var income, errors);
        var result = await commands.UpdateAsync(scope,
            new OrganisationFields(input.Name, type, input.CharityNumber, input.CompanyNumber, income, input.Address, input.Website), input.Version, ct, errors);
        return result.ToApi(saved => TypedResults.Ok(ToDto(saved, scope.Role)), current => ToDto(current, scope.Role));
    }

    private static async Task<IResult> RemoveMemberAsync(Guid accountId, OrganisationScope scope, OrganisationCommands commands, CancellationToken ct)
    {
        var result = await commands.RemoveAsync(scope, accountId, ct);
        // A removal sends no fields: what stops it is the organisation's state (its last admin stays), a conflict.
        return result.Status switch
        {
            WriteStatus.Saved => TypedResults.NoContent(),
            WriteStatus.Invalid => ApiProblems.Conflict("The last admin stays", result.Errors.Values.First()),
            _ => result.Failure!.ToApi(),
        };
    }

    private static async Task<IResult> MembersAsync(OrganisationScope scope, ConcordDb db, Auditor auditor, CancellationToken ct)
    {
        var members = await db.Set<OrganisationMembership>()
            .Where(m => m.OrganisationId == scope.Id)
            .OrderBy(m => m.Account!.DisplayName).ThenBy(m => m.Account!.Email)
            .Select(m => new MemberDto(m.AccountId, m.Account!.DisplayName, m.Account.Email, m.Role.ToString(), m.CreatedAt))
            .ToListAsync(ct);
        await auditor.RecordReadAsync("Organisation members with e-mail addresses (API)", nameof(Organisation), scope.Id, organisationId: scope.Id, ct: ct);
        return TypedResults.Ok(members);
    }

    private static async Task<IResult> InviteAsync(NewInvitation input, OrganisationScope scope, ConcordDb db, InvitationIssuer invitations, EmailStatus mail,
        CancellationToken ct)
    {
        var errors = new FieldErrors();
        var email = OrganisationRules.Tidy(input.Email);
        if (!OrganisationRules.IsEmail(email))
        {
            errors.Add("Email", "Enter an e-mail address in the right format, like name@example.org");
        }

        if (!PartnershipRules.TryParseName<OrganisationRole>(input.Role, out var role))
        {
            errors.Add("Role", $"Unknown role. Use one of: {string.Join(", ", Enum.GetNames<OrganisationRole>())}");
        }

        if (errors.Any)
        {
            return ApiProblems.Invalid(errors);
        }

        if (await invitations.OrganisationProblemAsync(scope.Id, email!, ct) is { } problem)
        {
            return ApiProblems.Conflict("Already a member or invited", problem);
        }

        var (invitation, link) = invitations.InviteToOrganisation(scope.Organisation, email!, role);
        await db.SaveChangesAsync(ct);
        var state = (await mail.GetAsync(ct)).State;
        return TypedResults.Created($"/api/v1/organisations/{scope.Id}/invitations/{invitation.Id}",
            new InvitationDto(invitation.Id, invitation.Email, role.ToString(), invitation.CreatedAt, invitation.ExpiresAt, link,
                state == EmailState.Working ? "Queued" : state.ToString()));
    }

    private static OrganisationDto ToDto(Organisation o, OrganisationRole? role) =>
        new(o.Id, o.Name, o.Type.ToString(), o.CharityNumber, o.CompanyNumber, o.IncomeBand.ToString(), o.Address, o.Website,
            o.CreatedAt, o.Version, role?.ToString());

    /// <summary>Only for Readiness's own error mapping, until that feature answers through WriteAnswers; nothing here uses it.</summary>
    internal static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
