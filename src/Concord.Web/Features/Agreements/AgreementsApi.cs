using Concord.Web.Features.Partnerships;
using Concord.Web.Features.Readiness;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;
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

    public sealed record NewVersionInput(string? Body, string? Kind, string? Reason, Guid? BasedOnVersionId);

    public sealed record SignInput(string? TextHash);

    public sealed record LineDto(string Change, string Text);

    public sealed record CompareDto(Guid FromVersionId, int FromNumber, Guid ToVersionId, int ToNumber, IReadOnlyList<LineDto> Lines);

    public static RouteGroupBuilder MapAgreementsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/partnerships/{id:guid}/agreement").WithTags("Agreement").RequireAuthorization(AuthSetup.ApiPolicy);
        group.MapGet("/", GetAsync).WithName("GetAgreement")
            .WithSummary("The agreement's status (in force, or awaiting signatures) and every version with who has signed it.");
        group.MapGet("/versions/{versionId:guid}", VersionAsync).WithName("GetAgreementVersion")
            .WithSummary("One version: the exact text people sign (their words and the generated snapshot), its SHA-256 hash and signatures.");
        group.MapPost("/versions", AddVersionAsync).WithName("AddAgreementVersion")
            .WithSummary("Writes a new version (coordinators). Send `basedOnVersionId`, the latest version you read (none for the first); a stale one gets 409 with the latest version's id. After anyone signed, `kind` (Enhancement or Change) and `reason` are required.");
        group.MapPost("/versions/{versionId:guid}/signatures", SignAsync).WithName("SignAgreement")
            .WithSummary("Signs the latest version for the partner(s) whose lead contact you are. Send `textHash`, the SHA-256 of the text you read; a different hash or an older version gets 409.");
        group.MapGet("/compare", CompareAsync).WithName("CompareAgreementVersions")
            .WithSummary("Line-by-line comparison of two versions (`from` and `to` version ids).");
        return api;
    }

    private static async Task<Results<Ok<AgreementDto>, ProblemHttpResult>> GetAsync(Guid id, PartnershipAccess access, AgreementService agreements, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is null)
        {
            return ApiProblems.NotFound();
        }

        var overview = await agreements.LoadAsync(id, ct);
        return TypedResults.Ok(new AgreementDto(overview.Summary, overview.InForce?.Version.Id, overview.Latest?.Version.Id,
            overview.Versions.Select(v => Summary(v, overview)).ToList()));
    }

    private static async Task<Results<Ok<VersionDto>, ProblemHttpResult>> VersionAsync(Guid id, Guid versionId, PartnershipAccess access, AgreementService agreements, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is null)
        {
            return ApiProblems.NotFound();
        }

        var overview = await agreements.LoadAsync(id, ct);
        var status = overview.Versions.FirstOrDefault(v => v.Version.Id == versionId);
        if (status is null)
        {
            return ApiProblems.NotFound();
        }

        var s = Summary(status, overview);
        return TypedResults.Ok(new VersionDto(s.Id, s.Number, s.Kind, s.Reason, s.CreatedAt, s.CreatedBy, status.Version.Body, status.Version.Text,
            s.TextHash, s.InForce, s.Signatures, s.AwaitingSignatures));
    }

    private static async Task<Results<Created<VersionSummaryDto>, ValidationProblem, ProblemHttpResult>> AddVersionAsync(
        Guid id, NewVersionInput input, CurrentUser user, PartnershipAccess access, AgreementService agreements, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return ApiProblems.NotFound();
        }

        if (user.IsReadOnly)
        {
            return ReadinessDeliveryRegistration.ReadOnly();
        }

        AgreementChangeKind? kind = null;
        if (!string.IsNullOrWhiteSpace(input.Kind))
        {
            if (!Enum.TryParse<AgreementChangeKind>(input.Kind, ignoreCase: true, out var parsed) || parsed is not (AgreementChangeKind.Enhancement or AgreementChangeKind.Change))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["kind"] = ["Use Enhancement or Change."] });
            }

            kind = parsed;
        }

        var (version, result) = await agreements.AddVersionAsync(found, new AgreementService.NewVersion(input.Body, kind, input.Reason, input.BasedOnVersionId), ct);
        switch (result.Status)
        {
            case WriteStatus.Ok:
                var overview = await agreements.LoadAsync(id, ct);
                return TypedResults.Created($"/api/v1/partnerships/{id}/agreement/versions/{version!.Id}",
                    Summary(overview.Versions.First(v => v.Version.Id == version.Id), overview));
            case WriteStatus.Invalid:
                return TypedResults.ValidationProblem(ReadinessDeliveryRegistration.Errors(result));
            case WriteStatus.Stale:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Changed by someone else", detail: result.Message,
                    extensions: new Dictionary<string, object?> { ["latestVersionId"] = version?.Id, ["latestVersionNumber"] = version?.Number });
            default:
                return ReadinessDeliveryRegistration.Problem(result, user);
        }
    }

    private static async Task<Results<Created<List<SignatureDto>>, ValidationProblem, ProblemHttpResult>> SignAsync(
        Guid id, Guid versionId, SignInput input, ConcordDb db, CurrentUser user, PartnershipAccess access, AgreementService agreements, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return ApiProblems.NotFound();
        }

        if (user.IsReadOnly)
        {
            return ReadinessDeliveryRegistration.ReadOnly();
        }

        var (signatures, result) = await agreements.SignAsync(found, versionId, input.TextHash, ct);
        if (result.Status != WriteStatus.Ok)
        {
            return result.Status == WriteStatus.Invalid ? TypedResults.ValidationProblem(ReadinessDeliveryRegistration.Errors(result)) : ReadinessDeliveryRegistration.Problem(result, user);
        }

        var names = await PartnerDirectory.CurrentAsync(db, id, ct);
        return TypedResults.Created($"/api/v1/partnerships/{id}/agreement/versions/{versionId}",
            signatures.Select(s => ToDto(s, names)).ToList());
    }

    private static async Task<Results<Ok<CompareDto>, ValidationProblem, ProblemHttpResult>> CompareAsync(
        Guid id, Guid? from, Guid? to, ConcordDb db, PartnershipAccess access, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is null)
        {
            return ApiProblems.NotFound();
        }

        if (from is null || to is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [from is null ? "from" : "to"] = ["Give the ids of the two versions to compare."] });
        }

        var versions = await db.Set<AgreementVersion>().AsNoTracking().Where(v => v.PartnershipId == id && (v.Id == from || v.Id == to)).ToListAsync(ct);
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
