using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Http;

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
            .Produces<AuditPage<AuditEntryDto>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("The audit trail you may read (network admins: all; organisation admins: their organisations), newest first, by key: " +
                "`pageSize` entries (1–100, 50 by default) and `next`, the `before` for the following page (null at the end). Filter with " +
                "`action` (starts with), `actor` (e-mail contains), `from`/`to` (dates) and `organisationId`.")
            .RequireAuthorization(AuthSetup.ApiPolicy);
        return api;
    }

    private static async Task<IResult> ListAsync(AuditQuery audit, string? action, string? actor, DateOnly? from, DateOnly? to, Guid? organisationId,
        string? before, int? pageSize, CancellationToken ct)
    {
        if (!await audit.CanReadAsync(ct))
        {
            return ApiProblems.Forbidden("Only network and organisation administrators can read the audit trail");
        }

        KeysetRequest.TryCreate(null, pageSize, out var request, out var errors);
        if (!AuditKey.TryParse(before, out var key))
        {
            errors.Add("Before", "Use the next value from the page before");
        }

        if (errors.Any)
        {
            return ApiProblems.Invalid(errors);
        }

        var page = await audit.PageAsync(new AuditFilter(action, actor, from, to, organisationId), key, request, ct);
        return TypedResults.Ok(new AuditPage<AuditEntryDto>(page.Items.Select(a => new AuditEntryDto(a.Id, a.At, a.ActorId, a.ActorEmail, a.Action,
            a.SubjectType, a.SubjectId, a.OrganisationId, a.PartnershipId, a.IpAddress, a.Details)).ToList(), page.Next));
    }
}
