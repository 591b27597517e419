using Concord.Web.Features.Agreements;
using Concord.Web.Features.Delivery;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Http;
using Concord.Web.Infrastructure.Text;
using Concord.Web.Infrastructure.Writes;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Concord.Web.Features.Readiness;

/// <summary>Registration of the readiness, delivery model and agreement features (one call each from the app).</summary>
public static class ReadinessDeliveryRegistration
{
    public static IServiceCollection AddReadinessDelivery(this IServiceCollection services)
    {
        services.AddScoped<PartnerDirectory>();
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
}

/// <summary>The readiness reflection, partner aims, objectives and the agendas no objective serves.</summary>
public static class ReadinessApi
{
    public sealed record ReflectionDto(Guid PartnerId, string PartnerName, string? WhyPartner, string? AddedValue, string? PeopleServed,
        FunderDriven? FunderDriven, string? FunderDrivenExplanation, string? MissionAtStake, string? SmallPartner, DateTimeOffset? UpdatedAt,
        bool Complete, int Version);

    public sealed record FlagDto(ReadinessFlagKind Kind, string QuestionKey, IReadOnlyList<Guid> PartnerIds, string Message);

    public sealed record QuestionDto(string Key, string Text, string Hint);

    public sealed record ReadinessDto(IReadOnlyList<QuestionDto> Questions, IReadOnlyList<ReflectionDto> Partners, IReadOnlyList<FlagDto> Divergence);

    /// <summary>A partner's answers; <c>version</c> is required (0 for the first answers). Blank answers are kept as a draft.</summary>
    public sealed record ReflectionInput(string? WhyPartner, string? AddedValue, string? PeopleServed, FunderDriven? FunderDriven,
        string? FunderDrivenExplanation, string? MissionAtStake, string? SmallPartner, int? Version);

    public sealed record AimDto(Guid Id, Guid PartnerId, string PartnerName, AimKind Kind, string Description, string? Funder);

    public sealed record NewAim(Guid? PartnerId, AimKind? Kind, string? Description, string? Funder);

    public sealed record ObjectiveDto(Guid Id, string Title, string Description, IReadOnlyList<Guid> AimIds, int Version);

    public sealed record ObjectiveInput(string? Title, string? Description, List<Guid>? AimIds, int? Version);

    public sealed record NotMetDto(Guid AimId, Guid PartnerId, string PartnerName, string Description, string Message);

    public static RouteGroupBuilder MapReadinessApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/partnerships/{id:guid}").WithTags("Readiness").RequireAuthorization(AuthSetup.ApiPolicy).RequirePartnership();
        group.MapGet("/readiness", GetAsync).WithName("GetReadiness").Produces<ReadinessDto>()
            .WithSummary("Each current partner's answers to the readiness reflection, side by side, with where they diverge. `complete` is false for a draft (some questions still blank): a draft counts as not answered.");
        group.MapGet("/readiness/divergence", DivergenceAsync).WithName("GetReadinessDivergence").Produces<List<FlagDto>>()
            .WithSummary("Where the partners' complete reflections diverge or are missing: different purposes (why-partner answers with fewer than two meaningful words in common), mainly funder-driven, no added value, not answered.");
        group.MapPut("/readiness/{partnerId:guid}", SaveAsync).WithName("SaveReadinessAnswers").RequirePartnership(PartnershipOperation.AnswerForOrganisation)
            .ProducesWrite<ReflectionDto>(stale: true)
            .WithSummary("Saves the answers of the partner you represent (coordinators too, for their own organisation only; anyone else gets 403). Blank answers are kept as a draft. Send the `version` you read (0 for the first answers); a stale version gets 409 with the saved answers as `current`.");
        group.MapGet("/aims", AimsAsync).WithName("ListPartnerAims").Produces<List<AimDto>>()
            .WithSummary("The aims, funder requirements and outcome requirements each partner brings.");
        group.MapPost("/aims", AddAimAsync).WithName("AddPartnerAim").RequirePartnership(PartnershipOperation.AnswerForOrganisation)
            .ProducesWrite<AimDto>(StatusCodes.Status201Created)
            .WithSummary("Records an aim for the partner you represent (coordinators too, for their own organisation only). `kind` is Aim, FunderRequirement or OutcomeRequirement.");
        group.MapDelete("/aims/{aimId:guid}", RemoveAimAsync).WithName("RemovePartnerAim").RequirePartnership(PartnershipOperation.AnswerForOrganisation)
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Removes an aim of the partner you represent.");
        group.MapGet("/objectives", ObjectivesAsync).WithName("ListObjectives").Produces<List<ObjectiveDto>>()
            .WithSummary("The partnership's objectives and the partner aims each serves.");
        group.MapPost("/objectives", AddObjectiveAsync).WithName("AddObjective").RequirePartnership(PartnershipOperation.Manage)
            .ProducesWrite<ObjectiveDto>(StatusCodes.Status201Created)
            .WithSummary("Adds an objective and the partner aims it serves (coordinators).");
        group.MapPut("/objectives/{objectiveId:guid}", UpdateObjectiveAsync).WithName("UpdateObjective").RequirePartnership(PartnershipOperation.Manage)
            .ProducesWrite<ObjectiveDto>(stale: true)
            .WithSummary("Changes an objective and the aims it serves (coordinators). Send the `version` you read; a stale version gets 409 with the saved objective as `current`.");
        group.MapDelete("/objectives/{objectiveId:guid}", RemoveObjectiveAsync).WithName("RemoveObjective").RequirePartnership(PartnershipOperation.Manage)
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Removes an objective (coordinators).");
        group.MapGet("/agendas/not-met", NotMetAsync).WithName("ListAgendasNotMet").Produces<List<NotMetDto>>()
            .WithSummary("Partner aims and requirements that no objective serves.");
        return api;
    }

    internal static ReflectionDto ToDto(PartnerInfo p, ReadinessReflection? r) => r is null
        ? new ReflectionDto(p.Id, p.Name, null, null, null, null, null, null, null, null, false, 0)
        : new ReflectionDto(p.Id, p.Name, r.WhyPartner, r.AddedValue, r.PeopleServed, r.FunderDriven, r.FunderDrivenExplanation,
            r.MissionAtStake, r.SmallPartner, r.UpdatedAt, r.IsComplete, r.Version);

    private static async Task<IResult> GetAsync(PartnershipScope scope, ReadinessService readiness, CancellationToken ct)
    {
        var overview = await readiness.OverviewAsync(scope.Id, ct);
        var partners = overview.Partners.Select(p => ToDto(p, overview.Reflections.GetValueOrDefault(p.Id))).ToList();
        return TypedResults.Ok(new ReadinessDto(ReadinessRules.Questions.Select(q => new QuestionDto(q.Key, q.Text, q.Hint)).ToList(),
            partners, overview.Flags.Select(ToDto).ToList()));
    }

    private static async Task<IResult> DivergenceAsync(PartnershipScope scope, ReadinessService readiness, CancellationToken ct) =>
        TypedResults.Ok((await readiness.OverviewAsync(scope.Id, ct)).Flags.Select(ToDto).ToList());

    private static async Task<IResult> SaveAsync(Guid partnerId, ReflectionInput input, PartnershipScope scope, ReadinessService readiness,
        PartnerDirectory directory, CancellationToken ct)
    {
        var result = await readiness.SaveReflectionAsync(scope, partnerId,
            new ReflectionAnswers(input.WhyPartner, input.AddedValue, input.PeopleServed, input.FunderDriven, input.FunderDrivenExplanation, input.MissionAtStake, input.SmallPartner),
            input.Version, ct);
        var partner = (await directory.CurrentAsync(scope.Id, ct)).FirstOrDefault(p => p.Id == partnerId);
        return result.ToApi(r => TypedResults.Ok(ToDto(partner!, r)), r => ToDto(partner!, r));
    }

    private static async Task<IResult> AimsAsync(PartnershipScope scope, ReadinessService readiness, CancellationToken ct)
    {
        var agendas = await readiness.AgendasAsync(scope.Id, ct);
        return TypedResults.Ok(agendas.Aims.Select(a => ToDto(a, agendas.Partners)).ToList());
    }

    private static async Task<IResult> AddAimAsync(NewAim input, PartnershipScope scope, PartnerDirectory directory, ReadinessService readiness, CancellationToken ct)
    {
        var result = await readiness.AddAimAsync(scope, input.PartnerId ?? Guid.Empty, input.Kind ?? AimKind.Aim, input.Description, input.Funder, ct);
        var partners = await directory.CurrentAsync(scope.Id, ct);
        return result.ToApi(aim => TypedResults.Created($"/api/v1/partnerships/{scope.Id}/aims/{aim.Id}", ToDto(aim, partners)));
    }

    private static async Task<IResult> RemoveAimAsync(Guid aimId, PartnershipScope scope, ReadinessService readiness, CancellationToken ct) =>
        (await readiness.RemoveAimAsync(scope, aimId, ct)).ToApi(_ => TypedResults.NoContent());

    private static async Task<IResult> ObjectivesAsync(PartnershipScope scope, ReadinessService readiness, CancellationToken ct)
    {
        var agendas = await readiness.AgendasAsync(scope.Id, ct);
        return TypedResults.Ok(agendas.Objectives.Select(o => ToDto(new ObjectiveView(o, agendas.Links.Where(l => l.ObjectiveId == o.Id).Select(l => l.AimId).ToList()))).ToList());
    }

    private static async Task<IResult> AddObjectiveAsync(ObjectiveInput input, PartnershipScope scope, ReadinessService readiness, CancellationToken ct) =>
        (await readiness.SaveObjectiveAsync(scope, null, input.Title, input.Description, input.AimIds ?? [], input.Version, ct))
        .ToApi(o => TypedResults.Created($"/api/v1/partnerships/{scope.Id}/objectives/{o.Objective.Id}", ToDto(o)));

    private static async Task<IResult> UpdateObjectiveAsync(Guid objectiveId, ObjectiveInput input, PartnershipScope scope, ReadinessService readiness, CancellationToken ct) =>
        (await readiness.SaveObjectiveAsync(scope, objectiveId, input.Title, input.Description, input.AimIds ?? [], input.Version, ct))
        .ToApi(o => TypedResults.Ok(ToDto(o)), ToDto);

    private static async Task<IResult> RemoveObjectiveAsync(Guid objectiveId, PartnershipScope scope, ReadinessService readiness, CancellationToken ct) =>
        (await readiness.RemoveObjectiveAsync(scope, objectiveId, ct)).ToApi(_ => TypedResults.NoContent());

    private static async Task<IResult> NotMetAsync(PartnershipScope scope, ReadinessService readiness, CancellationToken ct)
    {
        var agendas = await readiness.AgendasAsync(scope.Id, ct);
        return TypedResults.Ok(agendas.NotMet.Select(n => new NotMetDto(n.Agenda.Id, n.Agenda.PartnerId, n.Agenda.PartnerName, n.Agenda.Description, n.Message)).ToList());
    }

    private static ObjectiveDto ToDto(ObjectiveView o) =>
        new(o.Objective.Id, o.Objective.Title, o.Objective.Description, o.AimIds, o.Objective.Version);

    private static FlagDto ToDto(ReadinessFlag f) => new(f.Kind, f.QuestionKey, f.PartnerIds, f.Message);

    private static AimDto ToDto(PartnerAim a, IReadOnlyList<PartnerInfo> partners) =>
        new(a.Id, a.PartnerId, partners.FirstOrDefault(p => p.Id == a.PartnerId)?.Name ?? "", a.Kind, a.Description, a.Funder);
}
