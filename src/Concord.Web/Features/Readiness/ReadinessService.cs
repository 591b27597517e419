using Concord.Web.Features.Audit;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Writes;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Readiness;

/// <summary>A current partner (not left) with its organisation's name and lead contact.</summary>
public sealed record PartnerInfo(Guid Id, Guid OrganisationId, string Name, Guid? LeadContactId, string? LeadContactName);

/// <summary>
/// The partnership's current partners, read once per request (scoped): every reader of the readiness, delivery and
/// agreement features asks here, so a page that shows all three reads the partners once.
/// </summary>
public sealed class PartnerDirectory(ConcordDb db)
{
    private readonly Dictionary<Guid, IReadOnlyList<PartnerInfo>> read = [];

    /// <summary>The partnership's current partners in name order (the order of columns and side-by-side views).</summary>
    public async Task<IReadOnlyList<PartnerInfo>> CurrentAsync(Guid partnershipId, CancellationToken ct)
    {
        if (!read.TryGetValue(partnershipId, out var partners))
        {
            partners = await LoadAsync(db, partnershipId, ct);
            read[partnershipId] = partners;
        }

        return partners;
    }

    public static Task<List<PartnerInfo>> LoadAsync(ConcordDb db, Guid partnershipId, CancellationToken ct) =>
        db.Set<Partner>().Where(p => p.PartnershipId == partnershipId && p.LeftOn == null)
            .OrderBy(p => p.Organisation!.Name).ThenBy(p => p.Id)
            .Select(p => new PartnerInfo(p.Id, p.OrganisationId, p.Organisation!.Name, p.LeadContactId,
                p.LeadContact == null ? null : p.LeadContact.DisplayName))
            .ToListAsync(ct);

    /// <summary>
    /// A partner's own records (its reflection and aims) are written only by people representing that partner's
    /// organisation in the partnership, with the AnswerForOrganisation operation; coordinators too, but only for the
    /// organisation they represent themselves.
    /// </summary>
    public static bool CanSpeakFor(PartnershipScope scope, PartnerInfo partner) =>
        scope.Can(PartnershipOperation.AnswerForOrganisation) && scope.Represents(partner.OrganisationId);

    /// <summary>Null when the caller may speak for <paramref name="partner"/>; otherwise the 403 with the reason.</summary>
    public static WriteFailure? SpeakFor(PartnershipScope scope, PartnerInfo partner)
    {
        if (!scope.Can(PartnershipOperation.AnswerForOrganisation))
        {
            return WriteFailure.Forbidden(Permissions.Refusal(scope.Role, PartnershipOperation.AnswerForOrganisation));
        }

        return scope.Represents(partner.OrganisationId)
            ? null
            : WriteFailure.Forbidden($"Only people representing {partner.Name} answer for it and record its aims; you answer for the organisation you represent");
    }
}

/// <summary>Answers for one partner, as a person fills them in.</summary>
public sealed record ReflectionAnswers(string? WhyPartner, string? AddedValue, string? PeopleServed, FunderDriven? FunderDriven,
    string? FunderDrivenExplanation, string? MissionAtStake, string? SmallPartner);

public sealed record ReadinessOverview(
    IReadOnlyList<PartnerInfo> Partners,
    IReadOnlyDictionary<Guid, ReadinessReflection> Reflections,
    IReadOnlyList<ReadinessFlag> Flags)
{
    /// <summary>The partner has answered every question (a partial save is a draft and does not count as answered).</summary>
    public bool Answered(Guid partnerId) => Reflections.TryGetValue(partnerId, out var r) && r.IsComplete;

    /// <summary>The partner has saved some answers but not all of them yet.</summary>
    public bool Draft(Guid partnerId) => Reflections.TryGetValue(partnerId, out var r) && !r.IsComplete;
}

public sealed record AgendaOverview(
    IReadOnlyList<PartnerInfo> Partners,
    IReadOnlyList<PartnerAim> Aims,
    IReadOnlyList<Objective> Objectives,
    IReadOnlyList<ObjectiveAim> Links,
    IReadOnlyList<AgendaNotMet> NotMet);

/// <summary>
/// Reads and writes of the readiness reflection, partner aims and objectives, shared by pages and the API. Each write
/// takes the request's <see cref="PartnershipScope"/>, checks the operation and the record rule itself (a partner's
/// answers and aims only by people representing it; objectives only with Manage) and is one SaveChanges with its audit line.
/// </summary>
public sealed class ReadinessService(ConcordDb db, PartnerDirectory directory, Auditor auditor, TimeProvider clock)
{
    public const string ReflectionSaved = "readiness.reflection-saved";
    public const string AimAdded = "readiness.aim-added";
    public const string AimRemoved = "readiness.aim-removed";
    public const string ObjectiveSaved = "readiness.objective-saved";
    public const string ObjectiveRemoved = "readiness.objective-removed";

    public async Task<ReadinessOverview> OverviewAsync(Guid partnershipId, CancellationToken ct)
    {
        var partners = await directory.CurrentAsync(partnershipId, ct);
        var reflections = await db.Set<ReadinessReflection>().AsNoTracking().Where(r => r.PartnershipId == partnershipId).ToListAsync(ct);
        var byPartner = reflections.ToDictionary(r => r.PartnerId);
        // A draft (some questions still blank) counts as not answered: it neither shows divergence nor counts as the partner's view.
        var input = partners.Select(p => byPartner.TryGetValue(p.Id, out var r) && r.IsComplete
            ? new PartnerReflection(p.Id, p.Name, r.Answers(), r.FunderDriven)
            : new PartnerReflection(p.Id, p.Name, new Dictionary<string, string?>(), null)).ToList();
        return new ReadinessOverview(partners, byPartner, ReadinessRules.FindDivergence(input));
    }

    public Task<ReadinessReflection?> ReflectionAsync(PartnershipScope scope, Guid partnerId, CancellationToken ct) =>
        db.Set<ReadinessReflection>().AsNoTracking().FirstOrDefaultAsync(r => r.PartnerId == partnerId && r.PartnershipId == scope.Id, ct);

    /// <summary>
    /// Saves a partner's answers (complete or a draft). <paramref name="expectedVersion"/> is the version the person
    /// started from (0 when there were no answers yet); if someone saved in between, nothing is written (Stale, with
    /// the answers as saved now).
    /// </summary>
    public async Task<WriteResult<ReadinessReflection>> SaveReflectionAsync(PartnershipScope scope, Guid partnerId, ReflectionAnswers answers, int? expectedVersion, CancellationToken ct)
    {
        var partner = (await directory.CurrentAsync(scope.Id, ct)).FirstOrDefault(p => p.Id == partnerId);
        if (partner is null)
        {
            return WriteFailure.NotFound();
        }

        if (PartnerDirectory.SpeakFor(scope, partner) is { } refused)
        {
            return refused;
        }

        var errors = new FieldErrors();
        string? Tidy(string? text, string field)
        {
            var t = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
            if (t is { Length: > ReadinessConfiguration.AnswerLength })
            {
                errors.Add(field, $"Keep this answer to {ReadinessConfiguration.AnswerLength} characters or fewer");
            }

            return t;
        }

        var tidy = new ReflectionAnswers(Tidy(answers.WhyPartner, nameof(answers.WhyPartner)), Tidy(answers.AddedValue, nameof(answers.AddedValue)),
            Tidy(answers.PeopleServed, nameof(answers.PeopleServed)), answers.FunderDriven, Tidy(answers.FunderDrivenExplanation, nameof(answers.FunderDrivenExplanation)),
            Tidy(answers.MissionAtStake, nameof(answers.MissionAtStake)), Tidy(answers.SmallPartner, nameof(answers.SmallPartner)));
        if (expectedVersion is null)
        {
            errors.Add("Version", "Send the version of the answers you read (0 when there were none), so a stale edit is not saved over someone else's");
        }

        if (errors.Any)
        {
            return WriteFailure.Invalid(errors);
        }

        var stale = $"Someone else saved {partner.Name}'s answers while you were editing them. Your answers have not been saved. " +
                    "Compare the two versions, then save again to replace theirs with yours, or cancel to keep theirs";
        var reflection = await db.Set<ReadinessReflection>().FirstOrDefaultAsync(r => r.PartnerId == partnerId, ct);
        if (reflection is null)
        {
            if (expectedVersion != 0)
            {
                return WriteFailure.Stale(stale);
            }

            reflection = new ReadinessReflection { PartnershipId = scope.Id, PartnerId = partnerId, Version = 1 };
            db.Add(reflection);
        }
        else
        {
            if (reflection.Version != expectedVersion)
            {
                return WriteFailure.Stale(stale, reflection);
            }

            db.ExpectVersion(reflection, expectedVersion.Value);
        }

        reflection.WhyPartner = tidy.WhyPartner;
        reflection.AddedValue = tidy.AddedValue;
        reflection.PeopleServed = tidy.PeopleServed;
        reflection.FunderDriven = tidy.FunderDriven;
        reflection.FunderDrivenExplanation = tidy.FunderDrivenExplanation;
        reflection.MissionAtStake = tidy.MissionAtStake;
        reflection.SmallPartner = tidy.SmallPartner;
        reflection.UpdatedAt = clock.GetUtcNow();
        reflection.UpdatedById = scope.AccountId;
        auditor.Record(ReflectionSaved, nameof(ReadinessReflection), reflection.Id, partnershipId: scope.Id,
            details: $"Readiness answers for {partner.Name}{(reflection.IsComplete ? "" : " (draft)")}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrency error, or two first saves racing on the unique partner index: nothing was written.
            db.ChangeTracker.Clear();
            return WriteFailure.Stale(stale, await db.Set<ReadinessReflection>().AsNoTracking().FirstOrDefaultAsync(r => r.PartnerId == partnerId, ct));
        }

        return reflection;
    }

    public async Task<AgendaOverview> AgendasAsync(Guid partnershipId, CancellationToken ct)
    {
        var partners = (await directory.CurrentAsync(partnershipId, ct)).ToList();
        var current = partners.Select(p => p.Id).ToHashSet();
        var aims = (await db.Set<PartnerAim>().AsNoTracking().Where(a => a.PartnershipId == partnershipId).ToListAsync(ct))
            .Where(a => current.Contains(a.PartnerId))
            .OrderBy(a => partners.FindIndex(p => p.Id == a.PartnerId)).ThenBy(a => a.CreatedAt).ThenBy(a => a.Id).ToList();
        var objectives = await db.Set<Objective>().AsNoTracking().Where(o => o.PartnershipId == partnershipId)
            .OrderBy(o => o.Title).ThenBy(o => o.Id).ToListAsync(ct);
        var links = await db.Set<ObjectiveAim>().AsNoTracking()
            .Where(l => db.Set<Objective>().Any(o => o.Id == l.ObjectiveId && o.PartnershipId == partnershipId)).ToListAsync(ct);
        var names = partners.ToDictionary(p => p.Id, p => p.Name);
        var notMet = AgendaCoverage.NotMet(
            aims.Select(a => new PartnerAgenda(a.Id, a.PartnerId, names[a.PartnerId], Describe(a))),
            objectives.Select(o => new PartnershipObjective(o.Id, o.Title, links.Where(l => l.ObjectiveId == o.Id).Select(l => l.AimId).ToList())));
        return new AgendaOverview(partners, aims, objectives, links, notMet);
    }

    /// <summary>How many aims of current partners no objective serves (the same rule as <see cref="AgendaCoverage.NotMet"/>), counted in SQL.</summary>
    public Task<int> NotMetCountAsync(Guid partnershipId, CancellationToken ct) =>
        db.Set<PartnerAim>().Where(a => a.PartnershipId == partnershipId)
            .Where(a => db.Set<Partner>().Any(p => p.Id == a.PartnerId && p.LeftOn == null))
            .CountAsync(a => !db.Set<ObjectiveAim>().Any(l => l.AimId == a.Id), ct);

    public static string Describe(PartnerAim aim) => aim.Kind switch
    {
        AimKind.FunderRequirement when !string.IsNullOrWhiteSpace(aim.Funder) => $"{aim.Description} (required by {aim.Funder})",
        AimKind.FunderRequirement => $"{aim.Description} (a funder's requirement)",
        AimKind.OutcomeRequirement => $"{aim.Description} (an outcome requirement)",
        _ => aim.Description,
    };

    public async Task<WriteResult<PartnerAim>> AddAimAsync(PartnershipScope scope, Guid partnerId, AimKind kind, string? description, string? funder, CancellationToken ct)
    {
        if (!scope.Can(PartnershipOperation.AnswerForOrganisation))
        {
            return WriteFailure.Forbidden(Permissions.Refusal(scope.Role, PartnershipOperation.AnswerForOrganisation));
        }

        var partner = (await directory.CurrentAsync(scope.Id, ct)).FirstOrDefault(p => p.Id == partnerId);
        if (partner is null)
        {
            return WriteFailure.Invalid("PartnerId", "Choose one of the partnership's current partners");
        }

        if (PartnerDirectory.SpeakFor(scope, partner) is { } refused)
        {
            return refused;
        }

        var errors = new FieldErrors();
        var text = description?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            errors.Add("Description", "Describe the aim or requirement");
        }
        else if (text.Length > 1000)
        {
            errors.Add("Description", "Keep the description to 1000 characters or fewer");
        }

        var funderName = string.IsNullOrWhiteSpace(funder) ? null : funder.Trim();
        if (funderName is { Length: > 200 })
        {
            errors.Add("Funder", "Keep the funder's name to 200 characters or fewer");
        }

        if (!Enum.IsDefined(kind))
        {
            errors.Add("Kind", $"Use one of: {string.Join(", ", Enum.GetNames<AimKind>())}");
        }

        if (errors.Any)
        {
            return WriteFailure.Invalid(errors);
        }

        var aim = new PartnerAim
        {
            PartnershipId = scope.Id,
            PartnerId = partnerId,
            Kind = kind,
            Description = text!,
            Funder = kind == AimKind.FunderRequirement ? funderName : null,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Add(aim);
        auditor.Record(AimAdded, nameof(PartnerAim), aim.Id, partnershipId: scope.Id, details: $"{partner.Name}: {text}");
        await db.SaveChangesAsync(ct);
        return aim;
    }

    public async Task<WriteResult<PartnerAim>> RemoveAimAsync(PartnershipScope scope, Guid aimId, CancellationToken ct)
    {
        var aim = await db.Set<PartnerAim>().FirstOrDefaultAsync(a => a.Id == aimId && a.PartnershipId == scope.Id, ct);
        var partner = aim is null ? null : (await directory.CurrentAsync(scope.Id, ct)).FirstOrDefault(p => p.Id == aim.PartnerId);
        if (aim is null || partner is null)
        {
            return WriteFailure.NotFound();
        }

        if (PartnerDirectory.SpeakFor(scope, partner) is { } refused)
        {
            return refused;
        }

        db.Remove(aim);
        auditor.Record(AimRemoved, nameof(PartnerAim), aim.Id, partnershipId: scope.Id, details: $"{partner.Name}: {aim.Description}");
        await db.SaveChangesAsync(ct);
        return aim;
    }

    public async Task<ObjectiveView?> ObjectiveAsync(Guid partnershipId, Guid objectiveId, CancellationToken ct)
    {
        var objective = await db.Set<Objective>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == objectiveId && o.PartnershipId == partnershipId, ct);
        if (objective is null)
        {
            return null;
        }

        var aimIds = await db.Set<ObjectiveAim>().Where(l => l.ObjectiveId == objectiveId).Select(l => l.AimId).ToListAsync(ct);
        return new ObjectiveView(objective, aimIds);
    }

    /// <summary>Adds (no <paramref name="objectiveId"/>) or changes an objective and the aims it serves (Manage).
    /// A change carries the version the person started from; a stale one changes nothing (the saved objective comes back).</summary>
    public async Task<WriteResult<ObjectiveView>> SaveObjectiveAsync(PartnershipScope scope, Guid? objectiveId,
        string? title, string? description, IReadOnlyCollection<Guid> aimIds, int? expectedVersion, CancellationToken ct)
    {
        if (!scope.Can(PartnershipOperation.Manage))
        {
            return WriteFailure.Forbidden(Permissions.Refusal(scope.Role, PartnershipOperation.Manage));
        }

        Objective? objective = null;
        if (objectiveId is not null)
        {
            objective = await db.Set<Objective>().FirstOrDefaultAsync(o => o.Id == objectiveId && o.PartnershipId == scope.Id, ct);
            if (objective is null)
            {
                return WriteFailure.NotFound();
            }
        }

        var errors = new FieldErrors();
        var tidyTitle = title?.Trim();
        if (string.IsNullOrEmpty(tidyTitle))
        {
            errors.Add("Title", "Give the objective a title");
        }
        else if (tidyTitle.Length > 200)
        {
            errors.Add("Title", "Keep the title to 200 characters or fewer");
        }

        var tidyDescription = description?.Trim() ?? "";
        if (tidyDescription.Length > 4000)
        {
            errors.Add("Description", "Keep the description to 4000 characters or fewer");
        }

        var known = await db.Set<PartnerAim>().Where(a => a.PartnershipId == scope.Id && aimIds.Contains(a.Id)).Select(a => a.Id).ToListAsync(ct);
        if (known.Count != aimIds.Distinct().Count())
        {
            errors.Add("AimIds", "Choose only aims recorded by this partnership's partners");
        }

        if (objective is not null && expectedVersion is null)
        {
            errors.Add("Version", "Send the version of the objective you read, so a stale edit is not saved over someone else's");
        }

        if (errors.Any)
        {
            return WriteFailure.Invalid(errors);
        }

        const string what = "objective";
        if (objective is null)
        {
            objective = new Objective { PartnershipId = scope.Id, Title = tidyTitle!, Description = tidyDescription, CreatedAt = clock.GetUtcNow(), Version = 1 };
            db.Add(objective);
        }
        else
        {
            if (objective.Version != expectedVersion)
            {
                return WriteFailure.Stale(WriteFailure.StaleMessage(what), await ObjectiveAsync(scope.Id, objective.Id, ct));
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

        auditor.Record(ObjectiveSaved, nameof(Objective), objective.Id, partnershipId: scope.Id, details: tidyTitle);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return WriteFailure.Stale(WriteFailure.StaleMessage(what), await ObjectiveAsync(scope.Id, objective.Id, ct));
        }

        return (await ObjectiveAsync(scope.Id, objective.Id, ct))!;
    }

    public async Task<WriteResult<Objective>> RemoveObjectiveAsync(PartnershipScope scope, Guid objectiveId, CancellationToken ct)
    {
        if (!scope.Can(PartnershipOperation.Manage))
        {
            return WriteFailure.Forbidden(Permissions.Refusal(scope.Role, PartnershipOperation.Manage));
        }

        var objective = await db.Set<Objective>().FirstOrDefaultAsync(o => o.Id == objectiveId && o.PartnershipId == scope.Id, ct);
        if (objective is null)
        {
            return WriteFailure.NotFound();
        }

        db.Remove(objective);
        auditor.Record(ObjectiveRemoved, nameof(Objective), objective.Id, partnershipId: scope.Id, details: objective.Title);
        await db.SaveChangesAsync(ct);
        return objective;
    }
}

/// <summary>An objective with the partner aims it serves.</summary>
public sealed record ObjectiveView(Objective Objective, IReadOnlyList<Guid> AimIds);
