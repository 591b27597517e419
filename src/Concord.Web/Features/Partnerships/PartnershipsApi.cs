using Concord.Web.Features.Accounts;
using Concord.Web.Features.Audit;
using Concord.Web.Features.Organisations;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Http;
using Concord.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Http.HttpResults;
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

    public sealed record PartnershipInput(string? Name, string? Purpose, string? Beneficiaries, string? Area,
        DateOnly? StartDate, DateOnly? EndDate, string? Funder, string? Status, Guid? LeadOrganisationId, int? Version);

    public sealed record PartnerDto(Guid Id, Guid OrganisationId, string OrganisationName, string OrganisationType, string Role,
        DateOnly JoinedOn, DateOnly? LeftOn, Guid? LeadContactId, string? LeadContactName);

    public sealed record NewPartner(Guid? OrganisationId, string? Role, DateOnly? JoinedOn);

    public sealed record PartnershipMemberDto(Guid AccountId, string Name, string? Email, string Role, Guid? OrganisationId, string? OrganisationName);

    public sealed record NewMember(string? Email, string? Role, Guid? OrganisationId);

    public static RouteGroupBuilder MapPartnershipsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/partnerships").WithTags("Partnerships").RequireAuthorization(AuthSetup.ApiPolicy);
        group.MapGet("/", ListAsync)
            .WithName("ListPartnerships")
            .WithSummary("The partnerships you belong to, with your role, by name, a page at a time.");
        group.MapPost("/", CreateAsync)
            .WithName("CreatePartnership")
            .WithSummary("Starts a partnership. You become its coordinator and the lead organisation becomes its lead partner.");
        group.MapGet("/{id:guid}", GetAsync)
            .WithName("GetPartnership")
            .WithSummary("One partnership you belong to.");
        group.MapPut("/{id:guid}", UpdateAsync)
            .WithName("UpdatePartnership")
            .WithSummary("Changes a partnership's details (coordinators). Send the `version` you read; a stale version gets 409.");
        group.MapGet("/{id:guid}/partners", PartnersAsync)
            .WithName("ListPartners")
            .WithSummary("The partnership's partner organisations.");
        group.MapPost("/{id:guid}/partners", AddPartnerAsync)
            .WithName("AddPartner")
            .WithSummary("Adds an organisation of the network as a partner (coordinators).");
        group.MapGet("/{id:guid}/members", MembersAsync)
            .WithName("ListPartnershipMembers")
            .WithSummary("The partnership's people, their roles and the organisations they represent. The read is recorded in the audit trail.");
        group.MapPost("/{id:guid}/members", AddMemberAsync)
            .WithName("AddPartnershipMember")
            .WithSummary("Adds a person who belongs to a partner organisation, by e-mail, in a role (coordinators). Invite anyone else.");
        return api;
    }

    private static async Task<Results<Ok<PagedList<PartnershipDto>>, ValidationProblem>> ListAsync(
        ConcordDb db, CurrentUser user, int? page, int? pageSize, CancellationToken ct)
    {
        if (StrictPaging.Check(page, pageSize, out var p, out var size) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var me = user.Id;
        var mine = db.Set<PartnershipMembership>().Where(m => m.AccountId == me);
        var total = await mine.CountAsync(ct);
        var rows = await mine.OrderBy(m => m.Partnership!.Name).ThenBy(m => m.PartnershipId)
            .Skip((p - 1) * size).Take(size)
            .Select(m => new { m.Partnership, m.Role, Lead = m.Partnership!.LeadOrganisation!.Name })
            .ToListAsync(ct);
        return TypedResults.Ok(new PagedList<PartnershipDto>(rows.Select(r => ToDto(r.Partnership!, r.Role, r.Lead)).ToList(), p, size, total));
    }

    private static async Task<Results<Ok<PartnershipDto>, ProblemHttpResult>> GetAsync(Guid id, ConcordDb db, PartnershipAccess access, CancellationToken ct)
    {
        var found = await access.FindAsync(id, ct);
        if (found is null)
        {
            return ApiProblems.NotFound();
        }

        var lead = await db.Set<Organisation>().Where(o => o.Id == found.Partnership.LeadOrganisationId).Select(o => o.Name).FirstOrDefaultAsync(ct);
        return TypedResults.Ok(ToDto(found.Partnership, found.Role, lead));
    }

    private static async Task<Results<Created<PartnershipDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        PartnershipInput input, CurrentUser user, PartnershipCommands commands, CancellationToken ct)
    {
        if (user.IsReadOnly)
        {
            return ApiProblems.Forbidden("Your token is read-only.");
        }

        var status = PartnershipStatus.Forming;
        if (input.Status is not null && !PartnershipRules.TryParseName(input.Status, out status))
        {
            return StatusError();
        }

        var (partnership, outcome) = await commands.CreateAsync(Fields(input), status, input.LeadOrganisationId, ct);
        if (partnership is null)
        {
            return TypedResults.ValidationProblem(ToProblemErrors(outcome));
        }

        return TypedResults.Created($"/api/v1/partnerships/{partnership.Id}", ToDto(partnership, PartnershipRole.Coordinator, null));
    }

    private static async Task<Results<Ok<PartnershipDto>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, PartnershipInput input, ConcordDb db, CurrentUser user, PartnershipAccess access, PartnershipCommands commands, CancellationToken ct)
    {
        var found = await access.FindAsync(id, ct);
        if (found is null)
        {
            return ApiProblems.NotFound();
        }

        if (!found.CanManage || user.IsReadOnly)
        {
            return ApiProblems.Forbidden(user.IsReadOnly ? "Your token is read-only." : "Only the partnership's coordinators change its details.");
        }

        if (input.Version is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["version"] = ["Send the version of the partnership you read, so a stale edit is not saved over someone else's."] });
        }

        var status = found.Partnership.Status;
        if (input.Status is not null && !PartnershipRules.TryParseName(input.Status, out status))
        {
            return StatusError();
        }

        // A stale version raises DbUpdateConcurrencyException, which the app answers with a 409 problem.
        var outcome = await commands.UpdateAsync(found.Partnership, Fields(input), status, input.Version.Value, ct);
        if (!outcome.Succeeded)
        {
            return TypedResults.ValidationProblem(ToProblemErrors(outcome));
        }

        var lead = await db.Set<Organisation>().Where(o => o.Id == found.Partnership.LeadOrganisationId).Select(o => o.Name).FirstOrDefaultAsync(ct);
        return TypedResults.Ok(ToDto(found.Partnership, found.Role, lead));
    }

    private static async Task<Results<Ok<List<PartnerDto>>, ProblemHttpResult>> PartnersAsync(Guid id, ConcordDb db, PartnershipAccess access, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is null)
        {
            return ApiProblems.NotFound();
        }

        return TypedResults.Ok(await PartnerRows(db, id).ToListAsync(ct));
    }

    private static async Task<Results<Created<PartnerDto>, ValidationProblem, ProblemHttpResult>> AddPartnerAsync(
        Guid id, NewPartner input, ConcordDb db, CurrentUser user, PartnershipAccess access, PartnershipCommands commands, TimeProvider clock, CancellationToken ct)
    {
        var found = await access.FindAsync(id, ct);
        if (found is null)
        {
            return ApiProblems.NotFound();
        }

        if (!found.CanManage || user.IsReadOnly)
        {
            return ApiProblems.Forbidden(user.IsReadOnly ? "Your token is read-only." : "Only the partnership's coordinators add partners.");
        }

        var role = PartnerRole.Delivery;
        if (input.Role is not null && !PartnershipRules.TryParseName(input.Role, out role))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["role"] = [$"Unknown partner role. Use one of: {string.Join(", ", Enum.GetNames<PartnerRole>())}."] });
        }

        var (partner, outcome) = await commands.AddPartnerAsync(id, input.OrganisationId, role, input.JoinedOn ?? London.Today(clock), ct);
        if (outcome.Conflict is not null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already a partner", detail: outcome.Conflict);
        }

        if (partner is null)
        {
            return TypedResults.ValidationProblem(ToProblemErrors(outcome));
        }

        var dto = await PartnerRows(db, id, partner.Id).FirstAsync(ct);
        return TypedResults.Created($"/api/v1/partnerships/{id}/partners/{partner.Id}", dto);
    }

    private static async Task<Results<Ok<List<PartnershipMemberDto>>, ProblemHttpResult>> MembersAsync(
        Guid id, ConcordDb db, PartnershipAccess access, Auditor auditor, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is null)
        {
            return ApiProblems.NotFound();
        }

        var members = await MemberRows(db, id).ToListAsync(ct);
        await auditor.RecordReadAsync("Partnership members with e-mail addresses (API)", nameof(Partnership), id, partnershipId: id, ct: ct);
        return TypedResults.Ok(members);
    }

    private static async Task<Results<Created<PartnershipMemberDto>, ValidationProblem, ProblemHttpResult>> AddMemberAsync(
        Guid id, NewMember input, ConcordDb db, CurrentUser user, PartnershipAccess access, PartnershipCommands commands, CancellationToken ct)
    {
        var found = await access.FindAsync(id, ct);
        if (found is null)
        {
            return ApiProblems.NotFound();
        }

        if (!found.CanManage || user.IsReadOnly)
        {
            return ApiProblems.Forbidden(user.IsReadOnly ? "Your token is read-only." : "Only the partnership's coordinators add people.");
        }

        var errors = new Dictionary<string, string[]>();
        var email = OrganisationRules.Tidy(input.Email);
        if (!OrganisationRules.IsEmail(email))
        {
            errors["email"] = ["Enter an e-mail address in the right format, like name@example.org."];
        }

        if (!PartnershipRules.TryParseName<PartnershipRole>(input.Role, out var role))
        {
            errors["role"] = [$"Unknown role. Use one of: {string.Join(", ", Enum.GetNames<PartnershipRole>())}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var upper = email!.ToUpperInvariant();
        var accountId = await db.Set<Account>().Where(a => a.NormalizedEmail == upper).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
        if (accountId is null)
        {
            // Only people in a partner organisation can be added directly; the answer is the same whether or not
            // the address has an account elsewhere in the network.
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["email"] = ["No one with this e-mail address belongs to a partner organisation. Invite them instead."],
            });
        }

        var (member, outcome) = await commands.AddMemberAsync(id, accountId.Value, role, input.OrganisationId, ct);
        if (outcome.Conflict is not null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already a member", detail: outcome.Conflict);
        }

        if (member is null)
        {
            var problem = ToProblemErrors(outcome);
            if (problem.Remove("accountId", out _))
            {
                problem["email"] = ["No one with this e-mail address belongs to a partner organisation. Invite them instead."];
            }

            return TypedResults.ValidationProblem(problem);
        }

        var dto = await MemberRows(db, id, member.AccountId).FirstAsync(ct);
        return TypedResults.Created($"/api/v1/partnerships/{id}/members/{member.AccountId}", dto);
    }

    private static IQueryable<PartnerDto> PartnerRows(ConcordDb db, Guid partnershipId, Guid? partnerId = null) =>
        db.Set<Partner>().Where(p => p.PartnershipId == partnershipId && (partnerId == null || p.Id == partnerId))
            .OrderBy(p => p.Organisation!.Name)
            .Select(p => new PartnerDto(p.Id, p.OrganisationId, p.Organisation!.Name, p.Organisation.Type.ToString(), p.Role.ToString(),
                p.JoinedOn, p.LeftOn, p.LeadContactId, p.LeadContact == null ? null : p.LeadContact.DisplayName));

    private static IQueryable<PartnershipMemberDto> MemberRows(ConcordDb db, Guid partnershipId, Guid? accountId = null) =>
        db.Set<PartnershipMembership>().Where(m => m.PartnershipId == partnershipId && (accountId == null || m.AccountId == accountId))
            .OrderBy(m => m.Account!.DisplayName).ThenBy(m => m.Account!.Email)
            .Select(m => new PartnershipMemberDto(m.AccountId, m.Account!.DisplayName, m.Account.Email, m.Role.ToString(),
                m.OrganisationId, m.Organisation == null ? null : m.Organisation.Name));

    private static PartnershipRules.Fields Fields(PartnershipInput i) =>
        new(i.Name, i.Purpose, i.Beneficiaries, i.Area, i.StartDate, i.EndDate, i.Funder);

    private static Dictionary<string, string[]> ToProblemErrors(WriteOutcome outcome) =>
        outcome.Errors.ToDictionary(e => e.Key.Length == 0 ? "" : OrganisationsApi.Camel(e.Key), e => new[] { e.Value + "." });

    private static ValidationProblem StatusError() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = [$"Unknown status. Use one of: {string.Join(", ", Enum.GetNames<PartnershipStatus>())}."] });

    private static PartnershipDto ToDto(Partnership p, PartnershipRole role, string? leadName) =>
        new(p.Id, p.Name, p.Purpose, p.Beneficiaries, p.Area, p.StartDate, p.EndDate, p.Funder, p.Status.ToString(),
            p.LeadOrganisationId, leadName, p.CreatedAt, p.Version, role.ToString());
}
