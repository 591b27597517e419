using Concord.Web.Features.Accounts;
using Concord.Web.Features.Audit;
using Concord.Web.Features.Organisations;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Http;
using Concord.Web.Infrastructure.Time;
using Concord.Web.Infrastructure.Writes;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Partnerships;

/// <summary>
/// Partnerships, their partner organisations and their people. Only members see a partnership (anyone else gets 404,
/// with no hint it exists); only coordinators change it (other members get 403); a read-only token gets 403 on writes.
/// </summary>
public static class PartnershipsApi
{
    public sealed record PartnershipDto(Guid Id, string Name, string Purpose, string? Beneficiaries, string? Area,
        DateOnly? StartDate, DateOnly? EndDate, string? Funder, string Status, Guid LeadOrganisationId, string? LeadOrganisationName,
        DateTimeOffset CreatedAt, int Version, string MyRole);

    /// <summary>A partnership as sent: <c>version</c> is required when changing one (the version you read).</summary>
    public sealed record PartnershipInput(string? Name, string? Purpose, string? Beneficiaries, string? Area,
        DateOnly? StartDate, DateOnly? EndDate, string? Funder, string? Status, Guid? LeadOrganisationId, int? Version);

    public sealed record PartnerDto(Guid Id, Guid OrganisationId, string OrganisationName, string OrganisationType, string Role,
        DateOnly JoinedOn, DateOnly? LeftOn, Guid? LeadContactId, string? LeadContactName, int Version);

    public sealed record NewPartner(Guid? OrganisationId, string? Role, DateOnly? JoinedOn);

    /// <summary>A change to a partner: its lead contact and the date it left (null: still a partner). <c>version</c> is required.</summary>
    public sealed record PartnerInput(Guid? LeadContactId, DateOnly? LeftOn, int? Version);

    public sealed record PartnershipMemberDto(Guid AccountId, string Name, string? Email, string Role, Guid? OrganisationId, string? OrganisationName);

    public sealed record NewMember(string? Email, string? Role, Guid? OrganisationId);

    public static RouteGroupBuilder MapPartnershipsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/partnerships").WithTags("Partnerships").RequireAuthorization(AuthSetup.ApiPolicy);
        group.MapGet("/", ListAsync).WithName("ListPartnerships").ProducesPage<PartnershipDto>()
            .WithSummary("The partnerships you belong to, with your role, by name, a page at a time.");
        group.MapPost("/", CreateAsync).WithName("CreatePartnership").ProducesWrite<PartnershipDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Starts a partnership. You become its coordinator and the lead organisation becomes its lead partner.");

        var one = group.MapGroup("/{id:guid}").RequirePartnership();
        one.MapGet("", GetAsync).WithName("GetPartnership").Produces<PartnershipDto>()
            .WithSummary("One partnership you belong to.");
        one.MapPut("", UpdateAsync).WithName("UpdatePartnership").RequirePartnership(PartnershipOperation.Manage)
            .ProducesWrite<PartnershipDto>(stale: true)
            .WithSummary("Changes a partnership's details (coordinators). Send the `version` you read; a stale version gets 409 (with the saved partnership as `current`) and nothing is saved.");
        one.MapGet("/partners", PartnersAsync).WithName("ListPartners").Produces<List<PartnerDto>>()
            .WithSummary("The partnership's partner organisations.");
        one.MapPost("/partners", AddPartnerAsync).WithName("AddPartner").RequirePartnership(PartnershipOperation.Manage)
            .ProducesWrite<PartnerDto>(StatusCodes.Status201Created, conflict: true)
            .WithSummary("Adds an organisation of the network as a partner (coordinators). An organisation that is already a partner gets 409.");
        one.MapPut("/partners/{partnerId:guid}", UpdatePartnerAsync).WithName("UpdatePartner").RequirePartnership(PartnershipOperation.Manage)
            .ProducesWrite<PartnerDto>(stale: true)
            .WithSummary("Changes a partner's lead contact (a member representing it) and the date it left (coordinators). Send the `version` you read; a stale version gets 409 with the saved partner as `current`.");
        one.MapGet("/members", MembersAsync).WithName("ListPartnershipMembers").Produces<List<PartnershipMemberDto>>()
            .WithSummary("The partnership's people, their roles and the organisations they represent. The read is recorded in the audit trail.");
        one.MapPost("/members", AddMemberAsync).WithName("AddPartnershipMember").RequirePartnership(PartnershipOperation.Manage)
            .ProducesWrite<PartnershipMemberDto>(StatusCodes.Status201Created, conflict: true)
            .WithSummary("Adds a person who belongs to a partner organisation, by e-mail, in a role (coordinators). Invite anyone else. Someone already a member gets 409.");
        return api;
    }

    private static async Task<IResult> ListAsync(int? page, int? pageSize, PartnershipQueries queries, CancellationToken ct)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var request, out var errors))
        {
            return ApiProblems.Invalid(errors);
        }

        var rows = await queries.MineAsync(request, ct);
        return TypedResults.Ok(new PagedList<PartnershipDto>(rows.Items.Select(r => ToDto(r.Partnership, r.Role, r.LeadOrganisation)).ToList(),
            rows.Page, rows.PageSize, rows.Total));
    }

    private static async Task<IResult> GetAsync(PartnershipScope scope, PartnershipQueries queries, CancellationToken ct) =>
        TypedResults.Ok(ToDto(scope.Partnership, scope.Role, await queries.LeadOrganisationAsync(scope, ct)));

    private static async Task<IResult> CreateAsync(PartnershipInput input, PartnershipCommands commands, CancellationToken ct)
    {
        var status = PartnershipStatus.Forming;
        if (input.Status is not null && !PartnershipRules.TryParseName(input.Status, out status))
        {
            return StatusError();
        }

        var result = await commands.CreateAsync(Fields(input), status, input.LeadOrganisationId, ct);
        return result.ToApi(p => TypedResults.Created($"/api/v1/partnerships/{p.Id}", ToDto(p, PartnershipRole.Coordinator, null)));
    }

    private static async Task<IResult> UpdateAsync(PartnershipInput input, PartnershipScope scope, PartnershipCommands commands, PartnershipQueries queries, CancellationToken ct)
    {
        PartnershipStatus? status = null;
        if (input.Status is not null)
        {
            if (!PartnershipRules.TryParseName<PartnershipStatus>(input.Status, out var parsed))
            {
                return StatusError();
            }

            status = parsed;
        }

        var result = await commands.UpdateAsync(scope, Fields(input), status, input.Version, ct);
        var lead = await queries.LeadOrganisationAsync(scope, ct);
        return result.ToApi(p => TypedResults.Ok(ToDto(p, scope.Role, lead)), p => ToDto(p, scope.Role, lead));
    }

    private static async Task<IResult> PartnersAsync(PartnershipScope scope, PartnershipQueries queries, CancellationToken ct) =>
        TypedResults.Ok((await queries.Partners(scope).ToListAsync(ct)).Select(ToDto).ToList());

    private static async Task<IResult> AddPartnerAsync(NewPartner input, PartnershipScope scope, PartnershipCommands commands, PartnershipQueries queries,
        TimeProvider clock, CancellationToken ct)
    {
        var role = PartnerRole.Delivery;
        if (input.Role is not null && !PartnershipRules.TryParseName(input.Role, out role))
        {
            return ApiProblems.Invalid("Role", $"Unknown partner role. Use one of: {string.Join(", ", Enum.GetNames<PartnerRole>())}");
        }

        if (input.OrganisationId is { } organisationId && await commands.IsPartnerAsync(scope, organisationId, ct))
        {
            return ApiProblems.Conflict("Already a partner", "This organisation is already a partner");
        }

        var result = await commands.AddPartnerAsync(scope, input.OrganisationId, role, input.JoinedOn ?? London.Today(clock), ct);
        if (!result.Saved)
        {
            return result.Failure!.ToApi();
        }

        var dto = ToDto(await queries.Partners(scope, result.Value!.Id).FirstAsync(ct));
        return TypedResults.Created($"/api/v1/partnerships/{scope.Id}/partners/{dto.Id}", dto);
    }

    private static async Task<IResult> UpdatePartnerAsync(Guid partnerId, PartnerInput input, PartnershipScope scope, PartnershipCommands commands,
        PartnershipQueries queries, CancellationToken ct)
    {
        var result = await commands.UpdatePartnerAsync(scope, partnerId, input.LeadContactId, input.LeftOn, input.Version, ct);
        var row = result.Status is WriteStatus.Saved or WriteStatus.Stale ? await queries.Partners(scope, partnerId).FirstOrDefaultAsync(ct) : null;
        return result.Saved
            ? TypedResults.Ok(ToDto(row!))
            : result.Failure!.ToApi(row is null ? null : ToDto(row));
    }

    private static async Task<IResult> MembersAsync(PartnershipScope scope, PartnershipQueries queries, Auditor auditor, CancellationToken ct)
    {
        var members = await queries.Members(scope).ToListAsync(ct);
        await auditor.RecordReadAsync("Partnership members with e-mail addresses (API)", nameof(Partnership), scope.Id, partnershipId: scope.Id, ct: ct);
        return TypedResults.Ok(members.Select(ToDto).ToList());
    }

    private static async Task<IResult> AddMemberAsync(NewMember input, PartnershipScope scope, ConcordDb db, PartnershipCommands commands,
        PartnershipQueries queries, CancellationToken ct)
    {
        const string NotInPartner = "No one with this e-mail address belongs to a partner organisation. Invite them instead";
        var errors = new FieldErrors();
        var email = OrganisationRules.Tidy(input.Email);
        if (!OrganisationRules.IsEmail(email))
        {
            errors.Add("Email", "Enter an e-mail address in the right format, like name@example.org");
        }

        if (!PartnershipRules.TryParseName<PartnershipRole>(input.Role, out var role))
        {
            errors.Add("Role", $"Unknown role. Use one of: {string.Join(", ", Enum.GetNames<PartnershipRole>())}");
        }

        if (errors.Any)
        {
            return ApiProblems.Invalid(errors);
        }

        var upper = email!.ToUpperInvariant();
        // Only people in a partner organisation can be added directly; the answer is the same whether or not
        // the address has an account elsewhere in the network.
        if (await db.Set<Account>().Where(a => a.NormalizedEmail == upper).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct) is not { } accountId)
        {
            return ApiProblems.Invalid("Email", NotInPartner);
        }

        if (await commands.IsMemberAsync(scope, accountId, ct))
        {
            return ApiProblems.Conflict("Already a member", "This person is already a member of the partnership");
        }

        var result = await commands.AddMemberAsync(scope, accountId, role, input.OrganisationId, ct);
        if (!result.Saved)
        {
            // The person was named by e-mail here, so a problem with the person is a problem with the address.
            return result.Errors.ContainsKey("AccountId") ? ApiProblems.Invalid("Email", NotInPartner) : result.Failure!.ToApi();
        }

        var dto = ToDto(await queries.Members(scope, accountId).FirstAsync(ct));
        return TypedResults.Created($"/api/v1/partnerships/{scope.Id}/members/{accountId}", dto);
    }

    private static PartnerDto ToDto(PartnerRow p) =>
        new(p.Id, p.OrganisationId, p.Organisation, p.Type.ToString(), p.Role.ToString(), p.JoinedOn, p.LeftOn, p.LeadContactId, p.LeadContact, p.Version);

    private static PartnershipMemberDto ToDto(MemberRow m) =>
        new(m.AccountId, m.Name, m.Email, m.Role.ToString(), m.OrganisationId, m.Organisation);

    private static PartnershipRules.Fields Fields(PartnershipInput i) =>
        new(i.Name, i.Purpose, i.Beneficiaries, i.Area, i.StartDate, i.EndDate, i.Funder);

    private static IResult StatusError() =>
        ApiProblems.Invalid("Status", $"Unknown status. Use one of: {string.Join(", ", Enum.GetNames<PartnershipStatus>())}");

    private static PartnershipDto ToDto(Partnership p, PartnershipRole role, string? leadName) =>
        new(p.Id, p.Name, p.Purpose, p.Beneficiaries, p.Area, p.StartDate, p.EndDate, p.Funder, p.Status.ToString(),
            p.LeadOrganisationId, leadName, p.CreatedAt, p.Version, role.ToString());
}
