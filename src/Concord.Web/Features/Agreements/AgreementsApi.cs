using Concord.Web.Features.Readiness;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Http;
using Concord.Web.Infrastructure.Writes;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Agreements;

/// <summary>The partnership agreement: versions, signatures and comparisons.</summary>
public static class AgreementsApi
{
    public sealed record SignatureDto(Guid PartnerId, string PartnerName, Guid? SignedById, string SignedByName, DateTimeOffset SignedAt, string TextHash);

    public sealed record AwaitingDto(Guid PartnerId, string PartnerName, Guid? LeadContactId, string? LeadContactName);

    public sealed record VersionSummaryDto(Guid Id, int Number, string Kind, string? Reason, DateTimeOffset CreatedAt, string? CreatedBy,
        string TextHash, bool InForce, IReadOnlyList<SignatureDto> Signatures, IReadOnlyList<AwaitingDto> AwaitingSignatures);

    public sealed record VersionDto(Guid Id, int Number, string Kind, string? Reason, DateTimeOffset CreatedAt, string? CreatedBy,
        string Body, string Text, string TextHash, bool InForce, IReadOnlyList<SignatureDto> Signatures, IReadOnlyList<AwaitingDto> AwaitingSignatures);

    public sealed record AgreementDto(string Status, Guid? InForceVersionId, Guid? LatestVersionId, IReadOnlyList<VersionSummaryDto> Versions);

    public sealed record NewVersionInput(string? Body, AgreementChangeKind? Kind, string? Reason, Guid? BasedOnVersionId);

    public sealed record SignInput(string? TextHash);

    public sealed record LineDto(string Change, string Text);

    public sealed record CompareDto(Guid FromVersionId, int FromNumber, Guid ToVersionId, int ToNumber, IReadOnlyList<LineDto> Lines);

    public static RouteGroupBuilder MapAgreementsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/partnerships/{id:guid}/agreement").WithTags("Agreement").RequireAuthorization(AuthSetup.ApiPolicy).RequirePartnership();
        group.MapGet("/", GetAsync).WithName("GetAgreement").Produces<AgreementDto>()
            .WithSummary("The agreement's status (in force, or awaiting signatures) and every version with who has signed it.");
        group.MapGet("/versions/{versionId:guid}", VersionAsync).WithName("GetAgreementVersion").Produces<VersionDto>()
            .WithSummary("One version: the exact text people sign (their words and the generated snapshot), its SHA-256 hash and signatures.");
        group.MapPost("/versions", AddVersionAsync).WithName("AddAgreementVersion").RequirePartnership(PartnershipOperation.Manage)
            .ProducesWrite<VersionSummaryDto>(StatusCodes.Status201Created, stale: true)
            .WithSummary("Writes a new version (coordinators). Send `basedOnVersionId`, the latest version you read (none for the first); a stale one gets 409 with the latest version as `current`. After anyone signed, `kind` (Enhancement or Change) and `reason` are required.");
        group.MapPost("/versions/{versionId:guid}/signatures", SignAsync).WithName("SignAgreement").RequirePartnership(PartnershipOperation.SignAgreement)
            .ProducesWrite<List<SignatureDto>>(StatusCodes.Status201Created, stale: true)
            .WithSummary("Signs the latest version for the partner(s) whose lead contact you are (anyone else gets 403). Send `textHash`, the SHA-256 of the text you read. A different hash, an older version, or a version whose snapshot of the delivery model and commitments is out of date gets 409.");
        group.MapGet("/compare", CompareAsync).WithName("CompareAgreementVersions").Produces<CompareDto>().ProducesValidationProblem()
            .WithSummary("Line-by-line comparison of two versions (`from` and `to` version ids).");
        return api;
    }

    private static async Task<IResult> GetAsync(PartnershipScope scope, AgreementService agreements, CancellationToken ct)
    {
        var overview = await agreements.LoadAsync(scope.Id, ct);
        return TypedResults.Ok(new AgreementDto(overview.Summary, overview.InForce?.Version.Id, overview.Latest?.Version.Id,
            overview.Versions.Select(v => Summary(v, overview)).ToList()));
    }

    private static async Task<IResult> VersionAsync(Guid versionId, PartnershipScope scope, AgreementService agreements, CancellationToken ct)
    {
        var overview = await agreements.LoadAsync(scope.Id, ct);
        var status = overview.Versions.FirstOrDefault(v => v.Version.Id == versionId);
        if (status is null)
        {
            return ApiProblems.NotFound();
        }

        var s = Summary(status, overview);
        return TypedResults.Ok(new VersionDto(s.Id, s.Number, s.Kind, s.Reason, s.CreatedAt, s.CreatedBy, status.Version.Body, status.Version.Text,
            s.TextHash, s.InForce, s.Signatures, s.AwaitingSignatures));
    }

    private static async Task<IResult> AddVersionAsync(NewVersionInput input, PartnershipScope scope, AgreementService agreements, CancellationToken ct)
    {
        var result = await agreements.AddVersionAsync(scope, new AgreementService.NewVersion(input.Body, input.Kind, input.Reason, input.BasedOnVersionId), ct);
        if (!result.Saved)
        {
            var overviewNow = result.Current is null ? null : await agreements.LoadAsync(scope.Id, ct);
            return result.Failure!.ToApi(overviewNow?.Versions.FirstOrDefault(v => v.Version.Id == result.Current!.Id) is { } current ? Summary(current, overviewNow) : null);
        }

        var overview = await agreements.LoadAsync(scope.Id, ct);
        return TypedResults.Created($"/api/v1/partnerships/{scope.Id}/agreement/versions/{result.Value!.Id}",
            Summary(overview.Versions.First(v => v.Version.Id == result.Value.Id), overview));
    }

    private static async Task<IResult> SignAsync(Guid versionId, SignInput input, PartnershipScope scope, PartnerDirectory directory, AgreementService agreements, CancellationToken ct)
    {
        var result = await agreements.SignAsync(scope, versionId, input.TextHash, ct);
        var names = await directory.CurrentAsync(scope.Id, ct);
        return result.ToApi(signatures => TypedResults.Created($"/api/v1/partnerships/{scope.Id}/agreement/versions/{versionId}",
            signatures.Select(s => ToDto(s, names)).ToList()));
    }

    private static async Task<IResult> CompareAsync(Guid? from, Guid? to, ConcordDb db, PartnershipScope scope, CancellationToken ct)
    {
        if (from is null || to is null)
        {
            return ApiProblems.Invalid(from is null ? "From" : "To", "Give the ids of the two versions to compare");
        }

        var versions = await db.Set<AgreementVersion>().AsNoTracking().Where(v => v.PartnershipId == scope.Id && (v.Id == from || v.Id == to)).ToListAsync(ct);
        var a = versions.FirstOrDefault(v => v.Id == from);
        var b = versions.FirstOrDefault(v => v.Id == to);
        if (a is null || b is null)
        {
            return ApiProblems.NotFound();
        }

        return TypedResults.Ok(new CompareDto(a.Id, a.Number, b.Id, b.Number,
            AgreementText.Compare(a.Text, b.Text).Select(l => new LineDto(l.Change.ToString(), l.Text)).ToList()));
    }

    private static VersionSummaryDto Summary(VersionStatus s, AgreementOverview overview) =>
        new(s.Version.Id, s.Version.Number, s.Version.Kind.ToString(), s.Version.Reason, s.Version.CreatedAt, s.Version.CreatedBy?.DisplayName,
            s.Version.TextHash, overview.InForce?.Version.Id == s.Version.Id,
            s.Signatures.Select(x => ToDto(x, overview.Partners)).ToList(),
            s.Awaiting.Select(p => new AwaitingDto(p.Id, p.Name, p.LeadContactId, p.LeadContactName)).ToList());

    private static SignatureDto ToDto(AgreementSignature s, IReadOnlyList<PartnerInfo> partners) =>
        new(s.PartnerId, partners.FirstOrDefault(p => p.Id == s.PartnerId)?.Name ?? "A former partner", s.SignedById, s.SignedByName, s.SignedAt, s.TextHash);
}
