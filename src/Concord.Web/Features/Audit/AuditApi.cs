using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Audit;

public static class AuditApi
{
    public sealed record AuditEntryDto(Guid Id, DateTimeOffset At, Guid? ActorId, string? ActorEmail, string Action, string? SubjectType,
        Guid? SubjectId, Guid? OrganisationId, Guid? PartnershipId, string? IpAddress, string? Details);

    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", ListAsync)
            .WithTags("Audit")
            .WithName("ListAuditEntries")
            .WithSummary("The audit trail you may read (network admins: all; organisation admins: their organisations), newest first.")
            .RequireAuthorization(AuthSetup.ApiPolicy);
        return api;
    }

    private static async Task<Results<Ok<PagedList<AuditEntryDto>>, ProblemHttpResult>> ListAsync(
        AuditQuery audit, string? action, string? actor, DateOnly? from, DateOnly? to, Guid? organisationId, int? page, int? pageSize,
        CancellationToken ct)
    {
        if (!audit.CanRead)
        {
            return TypedResults.Problem(statusCode: 403, title: "Not allowed", detail: "Only network and organisation administrators can read the audit trail.");
        }

        var (p, size) = ApiConventions.Paging(page, pageSize);
        var query = audit.Visible(new AuditFilter(action, actor, from, to, organisationId));
        var total = await query.CountAsync(ct);
        var items = await query.Skip((p - 1) * size).Take(size)
            .Select(a => new AuditEntryDto(a.Id, a.At, a.ActorId, a.ActorEmail, a.Action, a.SubjectType, a.SubjectId, a.OrganisationId,
                a.PartnershipId, a.IpAddress, a.Details))
            .ToListAsync(ct);
        return TypedResults.Ok(new PagedList<AuditEntryDto>(items, p, size, total));
    }
}
