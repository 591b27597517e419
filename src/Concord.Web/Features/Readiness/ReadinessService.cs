using Concord.Web.Features.Audit;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Readiness;

/// <summary>How a write ended, for pages (form errors, Forbid, conflict page) and the API (400, 403, 404, 409).</summary>
public enum WriteStatus
{
    Ok,
    NotFound,
    Forbidden,
    Invalid,
    Stale,
}

public sealed record WriteResult(WriteStatus Status, Dictionary<string, string> Errors, string? Message = null)
{
    public static WriteResult Ok { get; } = new(WriteStatus.Ok, []);
    public static WriteResult NotFound { get; } = new(WriteStatus.NotFound, []);
    public static WriteResult Forbidden(string message) => new(WriteStatus.Forbidden, [], message);
    public static WriteResult Invalid(Dictionary<string, string> errors) => new(WriteStatus.Invalid, errors);
    public static WriteResult Stale(string message) => new(WriteStatus.Stale, [], message);
}

/// <summary>A current partner (not left) with its organisation's name and lead contact.</summary>
public sealed record PartnerInfo(Guid Id, Guid OrganisationId, string Name, Guid? LeadContactId, string? LeadContactName);

public static class PartnerDirectory
{
    /// <summary>The partnership's current partners in name order (the order of columns and side-by-side views).</summary>
    public static Task<List<PartnerInfo>> CurrentAsync(ConcordDb db, Guid partnershipId, CancellationToken ct) =>
        db.Set<Partner>().Where(p => p.PartnershipId == partnershipId && p.LeftOn == null)
            .OrderBy(p => p.Organisation!.Name).ThenBy(p => p.Id)
            .Select(p => new PartnerInfo(p.Id, p.OrganisationId, p.Organisation!.Name, p.LeadContactId,
                p.LeadContact == null ? null : p.LeadContact.DisplayName))
            .ToListAsync(ct);

    /// <summary>
    /// A partner's own records (its reflection and aims) are edited by the people representing that partner
    /// organisation in the partnership (observers only read), and by coordinators.
    /// </summary>
    public static async Task<bool> CanSpeakForAsync(ConcordDb db, CurrentUser user, PartnershipContext context, PartnerInfo partner, CancellationToken ct)
    {
        if (context.IsCoordinator)
        {
            return true;
        }

        return context.CanContribute && await db.Set<PartnershipMembership>().AnyAsync(m =>
            m.PartnershipId == context.Partnership.Id && m.AccountId == user.Id && m.OrganisationId == partner.OrganisationId, ct);
    }
}

/// <summary>Answers for one partner, as a person fills them in.</summary>
public sealed record ReflectionAnswers(string? WhyPartner, string? AddedValue, string? PeopleServed, FunderDriven? FunderDriven,
    string? FunderDrivenExplanation, string? MissionAtStake, string? SmallPartner);

public sealed record ReadinessOverview(
    IReadOnlyList<PartnerInfo> Partners,
    IReadOnlyDictionary<Guid, ReadinessReflection> Reflections,
    IReadOnlyList<ReadinessFlag> Flags);

public sealed record AgendaOverview(
    IReadOnlyList<PartnerInfo> Partners,
    IReadOnlyList<PartnerAim> Aims,
    IReadOnlyList<Objective> Objectives,
    IReadOnlyList<ObjectiveAim> Links,
    IReadOnlyList<AgendaNotMet> NotMet);

/// <summary>Reads and writes of the readiness reflection, partner aims and objectives, shared by pages and the API.
/// Each write is one SaveChanges with its audit line.</summary>
public sealed class ReadinessService(ConcordDb db, CurrentUser user, Auditor auditor, TimeProvider clock)
{
    public const string ReflectionSaved = "readiness.reflection-saved";
    public const string AimAdded = "readiness.aim-added";
    public const string AimRemoved = "readiness.aim-removed";
    public const string ObjectiveSaved = "readiness.objective-saved";
    public const string ObjectiveRemoved = "readiness.objective-removed";

    public async Task<ReadinessOverview> OverviewAsync(Guid partnershipId, CancellationToken ct)
    {
        var partners = await PartnerDirectory.CurrentAsync(db, partnershipId, ct);
        var reflections = await db.Set<ReadinessReflection>().AsNoTracking().Where(r => r.PartnershipId == partnershipId).ToListAsync(ct);
        var byPartner = reflections.ToDictionary(r => r.PartnerId);
        var input = partners.Select(p => byPartner.TryGetValue(p.Id, out var r)
            ? new PartnerReflection(p.Id, p.Name, r.Answers(), r.FunderDriven)
            : new PartnerReflection(p.Id, p.Name, new Dictionary<string, string?>(), null)).ToList();
        return new ReadinessOverview(partners, byPartner, ReadinessRules.FindDivergence(input));
    }

    /// <summary>
    /// Saves a partner's answers. <paramref name="expectedVersion"/> is the version the person started from
    /// (0 when there were no answers yet); if someone saved in between, nothing is written (Stale).
    /// </summary>
    public async Task<WriteResult> SaveReflectionAsync(PartnershipContext context, Guid partnerId, ReflectionAnswers answers, int expectedVersion, CancellationToken ct)
    {
        var partner = (await PartnerDirectory.CurrentAsync(db, context.Partnership.Id, ct)).FirstOrDefault(p => p.Id == partnerId);
        if (partner is null)
        {
            return WriteResult.NotFound;
        }

        if (!await PartnerDirectory.CanSpeakForAsync(db, user, context, partner, ct))
        {
            return WriteResult.Forbidden($"Only people representing {partner.Name}, or a coordinator, answer for {partner.Name}.");
        }

        var errors = new Dictionary<string, string>();
        string? Tidy(string? text, string field)
        {
            var t = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
            if (t is { Length: > ReadinessConfiguration.AnswerLength })
            {
                errors[field] = $"Keep this answer to {ReadinessConfiguration.AnswerLength} characters or fewer";
            }

            return t;
        }

        var tidy = new ReflectionAnswers(Tidy(answers.WhyPartner, nameof(answers.WhyPartner)), Tidy(answers.AddedValue, nameof(answers.AddedValue)),
            Tidy(answers.PeopleServed, nameof(answers.PeopleServed)), answers.FunderDriven, Tidy(answers.FunderDrivenExplanation, nameof(answers.FunderDrivenExplanation)),
            Tidy(answers.MissionAtStake, nameof(answers.MissionAtStake)), Tidy(answers.SmallPartner, nameof(answers.SmallPartner)));
        if (errors.Count > 0)
        {
            return WriteResult.Invalid(errors);
        }

        var reflection = await db.Set<ReadinessReflection>().FirstOrDefaultAsync(r => r.PartnerId == partnerId, ct);
        if (reflection is null)
        {
            if (expectedVersion != 0)
            {
                return WriteResult.Stale("These answers were removed while you were editing them.");
            }

            reflection = new ReadinessReflection { PartnershipId = context.Partnership.Id, PartnerId = partnerId, Version = 1 };
            db.Add(reflection);
        }
        else
        {
            if (reflection.Version != expectedVersion)
            {
                return WriteResult.Stale($"Someone else saved {partner.Name}'s answers while you were editing them.");
            }

            db.ExpectVersion(reflection, expectedVersion);
        }

        reflection.WhyPartner = tidy.WhyPartner;
        reflection.AddedValue = tidy.AddedValue;
        reflection.PeopleServed = tidy.PeopleServed;
        reflection.FunderDriven = tidy.FunderDriven;
        reflection.FunderDrivenExplanation = tidy.FunderDrivenExplanation;
        reflection.MissionAtStake = tidy.MissionAtStake;
        reflection.SmallPartner = tidy.SmallPartner;
        reflection.UpdatedAt = clock.GetUtcNow();
        reflection.UpdatedById = user.Id;
        auditor.Record(ReflectionSaved, nameof(ReadinessReflection), reflection.Id, partnershipId: context.Partnership.Id, details: $"Readiness answers for {partner.Name}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrency error, or two first saves racing on the unique partner index: nothing was written.
            db.ChangeTracker.Clear();
            return WriteResult.Stale($"Someone else saved {partner.Name}'s answers while you were editing them.");
        }

        return WriteResult.Ok;
    }

    public async Task<AgendaOverview> AgendasAsync(Guid partnershipId, CancellationToken ct)
    {
        var partners = await PartnerDirectory.CurrentAsync(db, partnershipId, ct);
        var current = partners.Select(p => p.Id).ToHashSet();
        var aims = (await db.Set<PartnerAim>().AsNoTracking().Where(a => a.PartnershipId == partnershipId).ToListAsync(ct))
            .Where(a => current.Contains(a.PartnerId))
            .OrderBy(a => partners.FindIndex(p => p.Id == a.PartnerId)).ThenBy(a => a.CreatedAt).ThenBy(a => a.Id).ToList();
        var objectives = await db.Set<Objective>().AsNoTracking().Where(o => o.PartnershipId == partnershipId)
            .OrderBy(o => o.Title).ThenBy(o => o.Id).ToListAsync(ct);
        var objectiveIds = objectives.Select(o => o.Id).ToList();
        var links = await db.Set<ObjectiveAim>().AsNoTracking().Where(l => objectiveIds.Contains(l.ObjectiveId)).ToListAsync(ct);
        var names = partners.ToDictionary(p => p.Id, p => p.Name);
        var notMet = AgendaCoverage.NotMet(
            aims.Select(a => new PartnerAgenda(a.Id, a.PartnerId, names[a.PartnerId], Describe(a))),
            objectives.Select(o => new PartnershipObjective(o.Id, o.Title, links.Where(l => l.ObjectiveId == o.Id).Select(l => l.AimId).ToList())));
        return new AgendaOverview(partners, aims, objectives, links, notMet);
    }

    public static string Describe(PartnerAim aim) => aim.Kind switch
    {
        AimKind.FunderRequirement when !string.IsNullOrWhiteSpace(aim.Funder) => $"{aim.Description} (required by {aim.Funder})",
        AimKind.FunderRequirement => $"{aim.Description} (a funder's requirement)",
        AimKind.OutcomeRequirement => $"{aim.Description} (an outcome requirement)",
        _ => aim.Description,
    };

    public async Task<(PartnerAim? Aim, WriteResult Result)> AddAimAsync(PartnershipContext context, Guid partnerId, AimKind kind, string? description, string? funder, CancellationToken ct)
    {
        var partner = (await PartnerDirectory.CurrentAsync(db, context.Partnership.Id, ct)).FirstOrDefault(p => p.Id == partnerId);
        if (partner is null)
        {
            return (null, WriteResult.Invalid(new() { ["PartnerId"] = "Choose one of the partnership's current partners" }));
        }

        if (!await PartnerDirectory.CanSpeakForAsync(db, user, context, partner, ct))
        {
            return (null, WriteResult.Forbidden($"Only people representing {partner.Name}, or a coordinator, record {partner.Name}'s aims."));
        }

        var errors = new Dictionary<string, string>();
        var text = description?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            errors["Description"] = "Describe the aim or requirement";
        }
        else if (text.Length > 1000)
        {
            errors["Description"] = "Keep the description to 1000 characters or fewer";
        }

        var funderName = string.IsNullOrWhiteSpace(funder) ? null : funder.Trim();
        if (funderName is { Length: > 200 })
        {
            errors["Funder"] = "Keep the funder's name to 200 characters or fewer";
        }

        if (errors.Count > 0)
        {
            return (null, WriteResult.Invalid(errors));
        }

        var aim = new PartnerAim
        {
            PartnershipId = context.Partnership.Id,
            PartnerId = partnerId,
            Kind = kind,
            Description = text!,
            Funder = kind == AimKind.FunderRequirement ? funderName : null,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Add(aim);
        auditor.Record(AimAdded, nameof(PartnerAim), aim.Id, partnershipId: context.Partnership.Id, details: $"{partner.Name}: {text}");
        await db.SaveChangesAsync(ct);
        return (aim, WriteResult.Ok);
    }

    public async Task<WriteResult> RemoveAimAsync(PartnershipContext context, Guid aimId, CancellationToken ct)
    {
        var aim = await db.Set<PartnerAim>().FirstOrDefaultAsync(a => a.Id == aimId && a.PartnershipId == context.Partnership.Id, ct);
        var partner = aim is null ? null : (await PartnerDirectory.CurrentAsync(db, context.Partnership.Id, ct)).FirstOrDefault(p => p.Id == aim.PartnerId);
        if (aim is null || partner is null)
        {
            return WriteResult.NotFound;
        }

        if (!await PartnerDirectory.CanSpeakForAsync(db, user, context, partner, ct))
        {
            return WriteResult.Forbidden($"Only people representing {partner.Name}, or a coordinator, remove {partner.Name}'s aims.");
        }

        db.Remove(aim);
        auditor.Record(AimRemoved, nameof(PartnerAim), aim.Id, partnershipId: context.Partnership.Id, details: $"{partner.Name}: {aim.Description}");
        await db.SaveChangesAsync(ct);
        return WriteResult.Ok;
    }

    /// <summary>Adds (no <paramref name="objectiveId"/>) or changes an objective and the aims it serves (coordinators).
    /// A change carries the version the person started from; a stale one is refused.</summary>
    public async Task<(Objective? Objective, WriteResult Result)> SaveObjectiveAsync(PartnershipContext context, Guid? objectiveId,
        string? title, string? description, IReadOnlyCollection<Guid> aimIds, int? expectedVersion, CancellationToken ct)
    {
        Objective? objective = null;
        if (objectiveId is not null)
        {
            objective = await db.Set<Objective>().FirstOrDefaultAsync(o => o.Id == objectiveId && o.PartnershipId == context.Partnership.Id, ct);
            if (objective is null)
            {
                return (null, WriteResult.NotFound);
            }
        }

        if (!context.CanManage)
        {
            return (null, WriteResult.Forbidden("Only the partnership's coordinators set its objectives."));
        }

        var errors = new Dictionary<string, string>();
        var tidyTitle = title?.Trim();
        if (string.IsNullOrEmpty(tidyTitle))
        {
            errors["Title"] = "Give the objective a title";
        }
        else if (tidyTitle.Length > 200)
        {
            errors["Title"] = "Keep the title to 200 characters or fewer";
        }

        var tidyDescription = description?.Trim() ?? "";
        if (tidyDescription.Length > 4000)
        {
            errors["Description"] = "Keep the description to 4000 characters or fewer";
        }

        var known = await db.Set<PartnerAim>().Where(a => a.PartnershipId == context.Partnership.Id && aimIds.Contains(a.Id)).Select(a => a.Id).ToListAsync(ct);
        if (known.Count != aimIds.Distinct().Count())
        {
            errors["AimIds"] = "Choose only aims recorded by this partnership's partners";
        }

        if (objective is not null && expectedVersion is null)
        {
            errors["Version"] = "Send the version of the objective you read, so a stale edit is not saved over someone else's";
        }

        if (errors.Count > 0)
        {
            return (null, WriteResult.Invalid(errors));
        }

        if (objective is null)
        {
            objective = new Objective { PartnershipId = context.Partnership.Id, Title = tidyTitle!, Description = tidyDescription, CreatedAt = clock.GetUtcNow(), Version = 1 };
            db.Add(objective);
        }
        else
        {
            if (objective.Version != expectedVersion)
            {
                return (objective, WriteResult.Stale("Someone else changed this objective while you were editing it."));
            }

            db.ExpectVersion(objective, expectedVersion!.Value);
            objective.Title = tidyTitle!;
            objective.Description = tidyDescription;
            // Touch the row so its version moves on even when only the links change.
            db.Entry(objective).Property(o => o.Title).IsModified = true;
            var existing = await db.Set<ObjectiveAim>().Where(l => l.ObjectiveId == objective.Id).ToListAsync(ct);
            db.RemoveRange(existing.Where(l => !known.Contains(l.AimId)));
            known = known.Except(existing.Select(l => l.AimId)).ToList();
        }

        foreach (var aimId in known.Distinct())
        {
            db.Add(new ObjectiveAim { ObjectiveId = objective.Id, AimId = aimId });
        }

        auditor.Record(ObjectiveSaved, nameof(Objective), objective.Id, partnershipId: context.Partnership.Id, details: tidyTitle);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return (null, WriteResult.Stale("Someone else changed this objective while you were editing it."));
        }

        return (objective, WriteResult.Ok);
    }

    public async Task<WriteResult> RemoveObjectiveAsync(PartnershipContext context, Guid objectiveId, CancellationToken ct)
    {
        var objective = await db.Set<Objective>().FirstOrDefaultAsync(o => o.Id == objectiveId && o.PartnershipId == context.Partnership.Id, ct);
        if (objective is null)
        {
            return WriteResult.NotFound;
        }

        if (!context.CanManage)
        {
            return WriteResult.Forbidden("Only the partnership's coordinators set its objectives.");
        }

        db.Remove(objective);
        auditor.Record(ObjectiveRemoved, nameof(Objective), objective.Id, partnershipId: context.Partnership.Id, details: objective.Title);
        await db.SaveChangesAsync(ct);
        return WriteResult.Ok;
    }
}
