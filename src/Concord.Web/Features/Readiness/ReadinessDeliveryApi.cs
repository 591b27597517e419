using Concord.Web.Features.Agreements;
using Concord.Web.Features.Delivery;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Http;
using Concord.Web.Infrastructure.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Concord.Web.Features.Readiness;

/// <summary>Registration of the readiness, delivery model and agreement features (one call each from the app).</summary>
public static class ReadinessDeliveryRegistration
{
    public static IServiceCollection AddReadinessDelivery(this IServiceCollection services)
    {
        services.AddScoped<ReadinessService>();
        services.AddScoped<DeliveryService>();
        services.AddScoped<AgreementService>();
        services.TryAddSingleton(_ => new MarkdownRenderer());
        return services;
    }

    public static RouteGroupBuilder MapReadinessDeliveryApi(this RouteGroupBuilder api)
    {
        api.MapReadinessApi();
        api.MapDeliveryApi();
        api.MapAgreementsApi();
        return api;
    }

    /// <summary>A write that did not succeed, as a problem: 404 outside the tenancy, 403 without the role, 409 when stale.</summary>
    internal static ProblemHttpResult Problem(WriteResult result, CurrentUser user) => result.Status switch
    {
        WriteStatus.NotFound => ApiProblems.NotFound(),
        WriteStatus.Forbidden => ApiProblems.Forbidden(result.Message ?? "You cannot do that."),
        WriteStatus.Stale => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Changed by someone else", detail: result.Message),
        _ => throw new InvalidOperationException($"Not a problem: {result.Status} for {user.Id}"),
    };

    internal static Dictionary<string, string[]> Errors(WriteResult result) =>
        result.Errors.ToDictionary(e => e.Key.Length == 0 ? "" : Concord.Web.Features.Organisations.OrganisationsApi.Camel(e.Key), e => new[] { e.Value + "." });

    internal static ProblemHttpResult ReadOnly() => ApiProblems.Forbidden("Your token is read-only.");
}

/// <summary>The readiness reflection, partner aims, objectives and the agendas no objective serves.</summary>
public static class ReadinessApi
{
    public sealed record ReflectionDto(Guid PartnerId, string PartnerName, string? WhyPartner, string? AddedValue, string? PeopleServed,
        string? FunderDriven, string? FunderDrivenExplanation, string? MissionAtStake, string? SmallPartner, DateTimeOffset? UpdatedAt, int Version);

    public sealed record FlagDto(string Kind, string QuestionKey, IReadOnlyList<Guid> PartnerIds, string Message);

    public sealed record QuestionDto(string Key, string Text, string Hint);

    public sealed record ReadinessDto(IReadOnlyList<QuestionDto> Questions, IReadOnlyList<ReflectionDto> Partners, IReadOnlyList<FlagDto> Divergence);

    public sealed record ReflectionInput(string? WhyPartner, string? AddedValue, string? PeopleServed, string? FunderDriven,
        string? FunderDrivenExplanation, string? MissionAtStake, string? SmallPartner, int? Version);

    public sealed record AimDto(Guid Id, Guid PartnerId, string PartnerName, string Kind, string Description, string? Funder);

    public sealed record NewAim(Guid? PartnerId, string? Kind, string? Description, string? Funder);

    public sealed record ObjectiveDto(Guid Id, string Title, string Description, IReadOnlyList<Guid> AimIds, int Version);

    public sealed record ObjectiveInput(string? Title, string? Description, List<Guid>? AimIds, int? Version);

    public sealed record NotMetDto(Guid AimId, Guid PartnerId, string PartnerName, string Description, string Message);

    public static RouteGroupBuilder MapReadinessApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/partnerships/{id:guid}").WithTags("Readiness").RequireAuthorization(AuthSetup.ApiPolicy);
        group.MapGet("/readiness", GetAsync).WithName("GetReadiness")
            .WithSummary("Each current partner's answers to the readiness reflection, side by side, with where they diverge.");
        group.MapGet("/readiness/divergence", DivergenceAsync).WithName("GetReadinessDivergence")
            .WithSummary("Where the partners' reflections diverge or are incomplete: different purposes, mainly funder-driven, no added value, not answered.");
        group.MapPut("/readiness/{partnerId:guid}", SaveAsync).WithName("SaveReadinessAnswers")
            .WithSummary("Saves one partner's answers (people representing that partner, or coordinators). Send the `version` you read (0 for the first answers); a stale version gets 409.");
        group.MapGet("/aims", AimsAsync).WithName("ListPartnerAims")
            .WithSummary("The aims, funder requirements and outcome requirements each partner brings.");
        group.MapPost("/aims", AddAimAsync).WithName("AddPartnerAim")
            .WithSummary("Records an aim for a partner (people representing that partner, or coordinators). `kind` is Aim, FunderRequirement or OutcomeRequirement.");
        group.MapDelete("/aims/{aimId:guid}", RemoveAimAsync).WithName("RemovePartnerAim")
            .WithSummary("Removes a partner's aim (people representing that partner, or coordinators).");
        group.MapGet("/objectives", ObjectivesAsync).WithName("ListObjectives")
            .WithSummary("The partnership's objectives and the partner aims each serves.");
        group.MapPost("/objectives", AddObjectiveAsync).WithName("AddObjective")
            .WithSummary("Adds an objective and the partner aims it serves (coordinators).");
        group.MapPut("/objectives/{objectiveId:guid}", UpdateObjectiveAsync).WithName("UpdateObjective")
            .WithSummary("Changes an objective and the aims it serves (coordinators). Send the `version` you read; a stale version gets 409.");
        group.MapDelete("/objectives/{objectiveId:guid}", RemoveObjectiveAsync).WithName("RemoveObjective")
            .WithSummary("Removes an objective (coordinators).");
        group.MapGet("/agendas/not-met", NotMetAsync).WithName("ListAgendasNotMet")
            .WithSummary("Partner aims and requirements that no objective serves.");
        return api;
    }

    private static async Task<Results<Ok<ReadinessDto>, ProblemHttpResult>> GetAsync(Guid id, PartnershipAccess access, ReadinessService readiness, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is null)
        {
            return ApiProblems.NotFound();
        }

        var overview = await readiness.OverviewAsync(id, ct);
        var partners = overview.Partners.Select(p => overview.Reflections.TryGetValue(p.Id, out var r)
            ? new ReflectionDto(p.Id, p.Name, r.WhyPartner, r.AddedValue, r.PeopleServed, r.FunderDriven?.ToString(), r.FunderDrivenExplanation,
                r.MissionAtStake, r.SmallPartner, r.UpdatedAt, r.Version)
            : new ReflectionDto(p.Id, p.Name, null, null, null, null, null, null, null, null, 0)).ToList();
        return TypedResults.Ok(new ReadinessDto(ReadinessRules.Questions.Select(q => new QuestionDto(q.Key, q.Text, q.Hint)).ToList(),
            partners, overview.Flags.Select(ToDto).ToList()));
    }

    private static async Task<Results<Ok<List<FlagDto>>, ProblemHttpResult>> DivergenceAsync(Guid id, PartnershipAccess access, ReadinessService readiness, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is null)
        {
            return ApiProblems.NotFound();
        }

        return TypedResults.Ok((await readiness.OverviewAsync(id, ct)).Flags.Select(ToDto).ToList());
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> SaveAsync(
        Guid id, Guid partnerId, ReflectionInput input, CurrentUser user, PartnershipAccess access, ReadinessService readiness, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return ApiProblems.NotFound();
        }

        if (user.IsReadOnly)
        {
            return ReadinessDeliveryRegistration.ReadOnly();
        }

        FunderDriven? funderDriven = null;
        if (!string.IsNullOrWhiteSpace(input.FunderDriven))
        {
            if (!Enum.TryParse<FunderDriven>(input.FunderDriven, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["funderDriven"] = ["Use one of: No, Partly, Yes."] });
            }

            funderDriven = parsed;
        }

        var result = await readiness.SaveReflectionAsync(found, partnerId,
            new ReflectionAnswers(input.WhyPartner, input.AddedValue, input.PeopleServed, funderDriven, input.FunderDrivenExplanation, input.MissionAtStake, input.SmallPartner),
            input.Version ?? -1, ct);
        return result.Status switch
        {
            WriteStatus.Ok => TypedResults.NoContent(),
            WriteStatus.Invalid => TypedResults.ValidationProblem(ReadinessDeliveryRegistration.Errors(result)),
            _ when input.Version is null && result.Status == WriteStatus.Stale => TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["version"] = ["Send the version of the answers you read (0 when there were none), so a stale edit is not saved over someone else's."],
            }),
            _ => ReadinessDeliveryRegistration.Problem(result, user),
        };
    }

    private static async Task<Results<Ok<List<AimDto>>, ProblemHttpResult>> AimsAsync(Guid id, PartnershipAccess access, ReadinessService readiness, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is null)
        {
            return ApiProblems.NotFound();
        }

        var agendas = await readiness.AgendasAsync(id, ct);
        return TypedResults.Ok(agendas.Aims.Select(a => ToDto(a, agendas.Partners)).ToList());
    }

    private static async Task<Results<Created<AimDto>, ValidationProblem, ProblemHttpResult>> AddAimAsync(
        Guid id, NewAim input, Infrastructure.Database.ConcordDb db, CurrentUser user, PartnershipAccess access, ReadinessService readiness, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return ApiProblems.NotFound();
        }

        if (user.IsReadOnly)
        {
            return ReadinessDeliveryRegistration.ReadOnly();
        }

        var kind = AimKind.Aim;
        if (input.Kind is not null && (!Enum.TryParse(input.Kind, ignoreCase: true, out kind) || !Enum.IsDefined(kind)))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["kind"] = [$"Use one of: {string.Join(", ", Enum.GetNames<AimKind>())}."] });
        }

        var (aim, result) = await readiness.AddAimAsync(found, input.PartnerId ?? Guid.Empty, kind, input.Description, input.Funder, ct);
        if (aim is null)
        {
            return result.Status == WriteStatus.Invalid
                ? TypedResults.ValidationProblem(ReadinessDeliveryRegistration.Errors(result))
                : ReadinessDeliveryRegistration.Problem(result, user);
        }

        var partners = await PartnerDirectory.CurrentAsync(db, id, ct);
        return TypedResults.Created($"/api/v1/partnerships/{id}/aims/{aim.Id}", ToDto(aim, partners));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAimAsync(
        Guid id, Guid aimId, CurrentUser user, PartnershipAccess access, ReadinessService readiness, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return ApiProblems.NotFound();
        }

        if (user.IsReadOnly)
        {
            return ReadinessDeliveryRegistration.ReadOnly();
        }

        var result = await readiness.RemoveAimAsync(found, aimId, ct);
        return result.Status == WriteStatus.Ok ? TypedResults.NoContent() : ReadinessDeliveryRegistration.Problem(result, user);
    }

    private static async Task<Results<Ok<List<ObjectiveDto>>, ProblemHttpResult>> ObjectivesAsync(Guid id, PartnershipAccess access, ReadinessService readiness, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is null)
        {
            return ApiProblems.NotFound();
        }

        var agendas = await readiness.AgendasAsync(id, ct);
        return TypedResults.Ok(agendas.Objectives.Select(o => ToDto(o, agendas.Links)).ToList());
    }

    private static Task<Results<Created<ObjectiveDto>, ValidationProblem, ProblemHttpResult>> AddObjectiveAsync(
        Guid id, ObjectiveInput input, CurrentUser user, PartnershipAccess access, ReadinessService readiness, CancellationToken ct) =>
        SaveObjectiveAsync(id, null, input, user, access, readiness, ct);

    private static async Task<Results<Ok<ObjectiveDto>, ValidationProblem, ProblemHttpResult>> UpdateObjectiveAsync(
        Guid id, Guid objectiveId, ObjectiveInput input, CurrentUser user, PartnershipAccess access, ReadinessService readiness, CancellationToken ct)
    {
        var result = await SaveObjectiveAsync(id, objectiveId, input, user, access, readiness, ct);
        return result.Result switch
        {
            Created<ObjectiveDto> created => TypedResults.Ok(created.Value),
            ValidationProblem v => v,
            ProblemHttpResult p => p,
            _ => throw new InvalidOperationException(),
        };
    }

    private static async Task<Results<Created<ObjectiveDto>, ValidationProblem, ProblemHttpResult>> SaveObjectiveAsync(
        Guid id, Guid? objectiveId, ObjectiveInput input, CurrentUser user, PartnershipAccess access, ReadinessService readiness, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return ApiProblems.NotFound();
        }

        if (user.IsReadOnly)
        {
            return ReadinessDeliveryRegistration.ReadOnly();
        }

        var (objective, result) = await readiness.SaveObjectiveAsync(found, objectiveId, input.Title, input.Description, input.AimIds ?? [], input.Version, ct);
        if (result.Status != WriteStatus.Ok || objective is null)
        {
            return result.Status == WriteStatus.Invalid
                ? TypedResults.ValidationProblem(ReadinessDeliveryRegistration.Errors(result))
                : ReadinessDeliveryRegistration.Problem(result, user);
        }

        var links = (await readiness.AgendasAsync(id, ct)).Links;
        return TypedResults.Created($"/api/v1/partnerships/{id}/objectives/{objective.Id}", ToDto(objective, links));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveObjectiveAsync(
        Guid id, Guid objectiveId, CurrentUser user, PartnershipAccess access, ReadinessService readiness, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return ApiProblems.NotFound();
        }

        if (user.IsReadOnly)
        {
            return ReadinessDeliveryRegistration.ReadOnly();
        }

        var result = await readiness.RemoveObjectiveAsync(found, objectiveId, ct);
        return result.Status == WriteStatus.Ok ? TypedResults.NoContent() : ReadinessDeliveryRegistration.Problem(result, user);
    }

    private static async Task<Results<Ok<List<NotMetDto>>, ProblemHttpResult>> NotMetAsync(Guid id, PartnershipAccess access, ReadinessService readiness, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is null)
        {
            return ApiProblems.NotFound();
        }

        var agendas = await readiness.AgendasAsync(id, ct);
        return TypedResults.Ok(agendas.NotMet.Select(n => new NotMetDto(n.Agenda.Id, n.Agenda.PartnerId, n.Agenda.PartnerName, n.Agenda.Description, n.Message)).ToList());
    }

    private static ObjectiveDto ToDto(Objective o, IReadOnlyList<ObjectiveAim> links) =>
        new(o.Id, o.Title, o.Description, links.Where(l => l.ObjectiveId == o.Id).Select(l => l.AimId).ToList(), o.Version);

    private static FlagDto ToDto(ReadinessFlag f) => new(f.Kind.ToString(), f.QuestionKey, f.PartnerIds, f.Message);

    private static AimDto ToDto(PartnerAim a, IReadOnlyList<PartnerInfo> partners) =>
        new(a.Id, a.PartnerId, partners.FirstOrDefault(p => p.Id == a.PartnerId)?.Name ?? "", a.Kind.ToString(), a.Description, a.Funder);
}
