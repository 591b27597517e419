using Concord.Web.Features.Accounts;
using Concord.Web.Features.Audit;
using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Lessons;

/// <summary>What a person types for a lesson (pages and API alike).</summary>
public sealed record LessonFields(
    string? Title, string? Context, string? WhatHappened, LessonKind? Kind, string? Recommendation,
    Guid? CategoryId, string? Tags, PartnershipStage? Stage, string? Evidence, Guid? PartnershipId,
    string? PartnershipType, DateOnly? OccurredOn, LessonVisibility? Visibility);

public static class LessonAuditActions
{
    public const string Created = "lesson.created";
    public const string Changed = "lesson.changed";
    public const string Published = "lesson.published";
    public const string SentForReview = "lesson.sent-for-review";
    public const string Approved = "lesson.approved";
    public const string Rejected = "lesson.rejected";
    public const string Imported = "lesson.imported";
    public const string Submitted = "lesson.submitted-at-event";
    public const string CategoryChanged = "lesson-category.changed";
    public const string LinkCreated = "lesson-link.created";
    public const string LinkClosed = "lesson-link.closed";
}

/// <summary>
/// The lesson writes that pages and the API share; each is one SaveChanges with its audit line.
/// Errors are keyed by field name (PascalCase).
/// </summary>
public sealed class LessonCommands(ConcordDb db, CurrentUser user, Auditor auditor, LessonAccess access, TimeProvider clock)
{
    public const int MaxTags = 10;

    public static string PublishedMessage(Lesson lesson) => lesson.Moderation switch
    {
        ModerationState.Pending => "Your lesson is waiting for the learning team to review it before it appears publicly.",
        ModerationState.Published => "Your lesson is published in the library.",
        _ => "Your lesson is saved as a draft.",
    };

    public async Task<(Lesson? Lesson, WriteOutcome Outcome)> CreateAsync(LessonFields fields, bool publish, CancellationToken ct)
    {
        var errors = await CheckAsync(fields, null, ct);
        if (errors.Count > 0)
        {
            return (null, new WriteOutcome(errors));
        }

        var now = clock.GetUtcNow();
        var lesson = new Lesson { Title = "", CreatedAt = now, AuthorId = user.Id, Moderation = ModerationState.Draft };
        Apply(lesson, fields, now);
        if (publish)
        {
            Publish(lesson);
        }

        await RefreshLibraryTextAsync(lesson, ct);
        db.Add(lesson);
        auditor.Record(publish ? LessonAuditActions.Published : LessonAuditActions.Created, nameof(Lesson), lesson.Id, partnershipId: lesson.PartnershipId);
        await db.SaveChangesAsync(ct);
        return (lesson, WriteOutcome.Ok);
    }

    /// <summary>Saves an edit. A stale <paramref name="version"/> raises DbUpdateConcurrencyException (409 in the API).</summary>
    public async Task<WriteOutcome> UpdateAsync(Lesson lesson, LessonFields fields, int version, bool publish, CancellationToken ct)
    {
        var errors = await CheckAsync(fields, lesson, ct);
        if (errors.Count > 0)
        {
            return new WriteOutcome(errors);
        }

        db.ExpectVersion(lesson, version);
        var visibilityBefore = lesson.Visibility;
        Apply(lesson, fields, clock.GetUtcNow());
        if (publish)
        {
            Publish(lesson);
        }
        else if (lesson.Moderation == ModerationState.Published && lesson.Visibility == LessonVisibility.Public && visibilityBefore != LessonVisibility.Public)
        {
            // Making a published lesson public needs the learning team's review first.
            lesson.Moderation = ModerationState.Pending;
        }

        await RefreshLibraryTextAsync(lesson, ct);
        auditor.Record(publish ? LessonAuditActions.Published : LessonAuditActions.Changed, nameof(Lesson), lesson.Id, partnershipId: lesson.PartnershipId);
        await db.SaveChangesAsync(ct);
        return WriteOutcome.Ok;
    }

    public async Task PublishAsync(Lesson lesson, CancellationToken ct)
    {
        Publish(lesson);
        lesson.UpdatedAt = clock.GetUtcNow();
        auditor.Record(lesson.Moderation == ModerationState.Pending ? LessonAuditActions.SentForReview : LessonAuditActions.Published,
            nameof(Lesson), lesson.Id, partnershipId: lesson.PartnershipId);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The learning team's decision on a lesson waiting for review.</summary>
    public async Task<WriteOutcome> ModerateAsync(Lesson lesson, bool approve, LessonVisibility? visibility, Guid? categoryId, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        if (approve)
        {
            visibility ??= lesson.Visibility;
            if (visibility == LessonVisibility.Partnership && lesson.PartnershipId is null)
            {
                errors["Visibility"] = "This lesson has no partnership: choose network or public";
            }

            if (categoryId is not null && !await db.Set<LessonCategoryEntry>().AnyAsync(c => c.Id == categoryId, ct))
            {
                errors["CategoryId"] = "Choose a category from the list";
            }

            if (errors.Count > 0)
            {
                return new WriteOutcome(errors);
            }

            lesson.Visibility = visibility.Value;
            lesson.CategoryId = categoryId ?? lesson.CategoryId;
            lesson.Moderation = ModerationState.Published;
        }
        else
        {
            lesson.Moderation = ModerationState.Rejected;
        }

        lesson.UpdatedAt = clock.GetUtcNow();
        await RefreshLibraryTextAsync(lesson, ct);
        auditor.Record(approve ? LessonAuditActions.Approved : LessonAuditActions.Rejected, nameof(Lesson), lesson.Id, partnershipId: lesson.PartnershipId,
            details: approve ? $"Visibility: {lesson.Visibility}" : null);
        await db.SaveChangesAsync(ct);
        return WriteOutcome.Ok;
    }

    public async Task SetCategoryAsync(Lesson lesson, Guid categoryId, CancellationToken ct)
    {
        lesson.CategoryId = categoryId;
        lesson.UpdatedAt = clock.GetUtcNow();
        auditor.Record(LessonAuditActions.Changed, nameof(Lesson), lesson.Id, partnershipId: lesson.PartnershipId, details: "Category chosen");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Saves every lesson of an import that had no errors, in one transaction: all or nothing.</summary>
    public async Task<int> ImportAsync(LessonImportPreview preview, Guid? partnershipId, LessonVisibility visibility, CancellationToken ct)
    {
        if (preview.HasErrors)
        {
            throw new InvalidOperationException("An import with errors is never saved.");
        }

        var categories = await db.Set<LessonCategoryEntry>().ToDictionaryAsync(c => c.Slug, c => c.Id, ct);
        var now = clock.GetUtcNow();
        var names = await NamesAsync(partnershipId, null, ct);
        foreach (var row in preview.Lessons)
        {
            var lesson = new Lesson
            {
                Title = row.Title,
                Context = row.Context,
                WhatHappened = row.WhatHappened,
                Kind = row.Kind,
                Recommendation = row.Recommendation,
                CategoryId = row.CategorySlug is { } slug && categories.TryGetValue(slug, out var cid) ? cid : null,
                Stage = row.Stage,
                Evidence = row.Evidence,
                OccurredOn = row.Date,
                PartnershipId = partnershipId,
                Visibility = visibility,
                Moderation = ModerationState.Draft,
                AuthorId = user.Id,
                CreatedAt = now,
                UpdatedAt = now,
            };
            lesson.Tags.AddRange(row.Tags.Select(NormaliseTag).Where(t => t.Length > 0).Distinct().Take(MaxTags).Select(t => new LessonTag { LessonId = lesson.Id, Tag = t }));
            SetLibraryText(lesson, names);
            db.Add(lesson);
        }

        auditor.Record(LessonAuditActions.Imported, nameof(Lesson), null, partnershipId: partnershipId, details: $"{preview.Lessons.Count()} lessons imported as drafts");
        await db.SaveChangesAsync(ct);
        return preview.Lessons.Count();
    }

    /// <summary>A lesson sent through an event collection link, without an account: it waits for moderation.</summary>
    public async Task<Lesson> SubmitAtEventAsync(LessonCollectionLink link, string title, string? whatHappened, LessonKind kind,
        string? recommendation, PartnershipStage? stage, string? submittedBy, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var lesson = new Lesson
        {
            Title = title.Trim(),
            WhatHappened = whatHappened?.Trim(),
            Kind = kind,
            Recommendation = recommendation?.Trim(),
            Stage = stage,
            SubmittedBy = string.IsNullOrWhiteSpace(submittedBy) ? null : submittedBy.Trim(),
            CollectionLinkId = link.Id,
            Visibility = LessonVisibility.Network,
            Moderation = ModerationState.Pending,
            CreatedAt = now,
            UpdatedAt = now,
        };
        SetLibraryText(lesson, AnonymisationNames.None);
        db.Add(lesson);
        auditor.Record(LessonAuditActions.Submitted, nameof(Lesson), lesson.Id, details: link.Name);
        await db.SaveChangesAsync(ct);
        return lesson;
    }

    public static string NormaliseTag(string tag) => string.Join(' ', tag.Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    public static List<string> ParseTags(string? tags) =>
        [.. (tags ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries).Select(NormaliseTag).Where(t => t.Length > 0).Distinct()];

    private static void Publish(Lesson lesson) =>
        lesson.Moderation = lesson.Visibility == LessonVisibility.Public ? ModerationState.Pending : ModerationState.Published;

    private void Apply(Lesson lesson, LessonFields f, DateTimeOffset now)
    {
        lesson.Title = f.Title!.Trim();
        lesson.Context = Tidy(f.Context);
        lesson.WhatHappened = Tidy(f.WhatHappened);
        lesson.Kind = f.Kind!.Value;
        lesson.Recommendation = Tidy(f.Recommendation);
        lesson.CategoryId = f.CategoryId;
        lesson.Stage = f.Stage;
        lesson.Evidence = Tidy(f.Evidence);
        lesson.PartnershipId = f.PartnershipId;
        lesson.PartnershipType = Tidy(f.PartnershipType);
        lesson.OccurredOn = f.OccurredOn;
        lesson.Visibility = f.Visibility ?? (f.PartnershipId is null ? LessonVisibility.Network : LessonVisibility.Partnership);
        lesson.UpdatedAt = now;
        var wanted = ParseTags(f.Tags);
        lesson.Tags.RemoveAll(t => !wanted.Contains(t.Tag));
        foreach (var tag in wanted.Where(t => lesson.Tags.All(x => x.Tag != t)))
        {
            lesson.Tags.Add(new LessonTag { LessonId = lesson.Id, Tag = tag });
        }
    }

    private static string? Tidy(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private async Task<Dictionary<string, string>> CheckAsync(LessonFields f, Lesson? existing, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(f.Title))
        {
            errors["Title"] = "Enter a title for the lesson";
        }
        else if (f.Title.Trim().Length > LessonCsvImport.MaxTitleLength)
        {
            errors["Title"] = $"The title must be {LessonCsvImport.MaxTitleLength} characters or fewer";
        }

        if (f.Kind is null)
        {
            errors["Kind"] = "Choose what sort of lesson this is";
        }

        foreach (var (name, label, value) in new[] { ("Context", "The context", f.Context), ("WhatHappened", "What happened", f.WhatHappened), ("Recommendation", "The recommendation", f.Recommendation), ("Evidence", "The evidence", f.Evidence) })
        {
            if (value?.Length > LessonCsvImport.MaxTextLength)
            {
                errors[name] = $"{label} must be {LessonCsvImport.MaxTextLength:N0} characters or fewer";
            }
        }

        if (string.IsNullOrWhiteSpace(f.WhatHappened) && string.IsNullOrWhiteSpace(f.Recommendation) && !errors.ContainsKey("Title"))
        {
            errors["WhatHappened"] = "Say what happened, or give a recommendation";
        }

        var tags = ParseTags(f.Tags);
        if (tags.Count > MaxTags)
        {
            errors["Tags"] = $"Use {MaxTags} tags or fewer";
        }
        else if (tags.Any(t => t.Length > LessonCsvImport.MaxTagLength))
        {
            errors["Tags"] = $"Each tag must be {LessonCsvImport.MaxTagLength} characters or fewer";
        }

        if (f.PartnershipType?.Trim().Length > 100)
        {
            errors["PartnershipType"] = "The type of partnership must be 100 characters or fewer";
        }

        if (f.CategoryId is { } cid && cid != existing?.CategoryId &&
            !await db.Set<LessonCategoryEntry>().AnyAsync(c => c.Id == cid && !c.IsRetired, ct))
        {
            errors["CategoryId"] = "Choose a category from the list";
        }

        if (f.PartnershipId is { } pid && pid != existing?.PartnershipId &&
            !await access.PartnershipsICanWriteFor().AnyAsync(p => p.Id == pid, ct))
        {
            errors["PartnershipId"] = "Choose a partnership you contribute to";
        }

        if (f.Visibility == LessonVisibility.Partnership && f.PartnershipId is null)
        {
            errors["Visibility"] = "Choose a partnership, or share the lesson with the network";
        }

        return errors;
    }

    /// <summary>Sets what the library shows and searches: for a public lesson, the text with names taken out.</summary>
    public async Task RefreshLibraryTextAsync(Lesson lesson, CancellationToken ct)
    {
        var names = lesson.Visibility == LessonVisibility.Public ? await NamesAsync(lesson.PartnershipId, lesson, ct) : AnonymisationNames.None;
        SetLibraryText(lesson, names);
    }

    private async Task<AnonymisationNames> NamesAsync(Guid? partnershipId, Lesson? lesson, CancellationToken ct)
    {
        List<string> partnerships, organisations, people;
        if (partnershipId is { } pid)
        {
            partnerships = await db.Set<Partnership>().Where(p => p.Id == pid).Select(p => p.Name).ToListAsync(ct);
            organisations = await db.Set<Partner>().Where(p => p.PartnershipId == pid).Select(p => p.Organisation!.Name).ToListAsync(ct);
            people = await db.Set<PartnershipMembership>().Where(m => m.PartnershipId == pid).Select(m => m.Account!.DisplayName).ToListAsync(ct);
        }
        else
        {
            // No partnership named (an event submission, say): take out every partnership and organisation of the network.
            partnerships = await db.Set<Partnership>().Select(p => p.Name).ToListAsync(ct);
            organisations = await db.Set<Organisation>().Select(o => o.Name).ToListAsync(ct);
            people = [];
        }

        if (lesson?.AuthorId is { } author)
        {
            people.AddRange(await db.Set<Account>().Where(a => a.Id == author).Select(a => a.DisplayName).ToListAsync(ct));
        }

        if (lesson?.SubmittedBy is { } submittedBy)
        {
            people.Add(submittedBy);
        }

        // First names are often used on their own in lesson text.
        people.AddRange([.. people.Select(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(p => p.Length > 1).Select(p => p[0])]);
        return new AnonymisationNames(partnerships, organisations, people.Distinct().ToList());
    }

    public static void SetLibraryText(Lesson lesson, AnonymisationNames names)
    {
        var parts = new[] { lesson.Context, lesson.WhatHappened, lesson.Recommendation }.Where(p => !string.IsNullOrWhiteSpace(p));
        var text = string.Join("\n\n", parts);
        if (lesson.Tags.Count > 0)
        {
            text += "\n\nTags: " + string.Join(", ", lesson.Tags.Select(t => t.Tag));
        }

        if (ReferenceEquals(names, AnonymisationNames.None))
        {
            lesson.LibraryTitle = lesson.Title;
            lesson.LibraryText = text;
            return;
        }

        var title = LessonAnonymiser.Anonymise(lesson.Title, names).Text;
        lesson.LibraryTitle = title.Length > LessonCsvImport.MaxTitleLength ? title[..LessonCsvImport.MaxTitleLength] : title;
        lesson.LibraryText = LessonAnonymiser.Anonymise(text, names).Text;
    }
}
