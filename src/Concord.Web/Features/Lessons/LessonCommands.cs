using System.Text.RegularExpressions;
using Concord.Web.Features.Accounts;
using Concord.Web.Features.Audit;
using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Time;
using Concord.Web.Infrastructure.Writes;
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
/// The learning team's decision on a lesson waiting for review. Approving may set who reads it and its category, and
/// for a public lesson the title and text the public will read (the anonymised version, as the moderator corrected it);
/// rejecting needs a reason, which the author sees. <see cref="Approve"/> is null when no decision was given.
/// </summary>
public sealed record ModerationDecision(bool? Approve, LessonVisibility? Visibility = null, Guid? CategoryId = null,
    string? PublicTitle = null, string? PublicText = null, string? Reason = null);

/// <summary>A category of the taxonomy as the learning team types it.</summary>
public sealed record CategoryFields(string? Name, string? Description, string? Keywords, bool Retired);

/// <summary>
/// The lesson writes that pages and the API share; each is one SaveChanges with its audit line and answers a
/// <see cref="WriteResult{T}"/> (field errors keyed by the field's PascalCase name). Every edit of a lesson or a category
/// names the version it was made against: a stale one writes nothing and answers Stale with the saved record.
/// </summary>
public sealed partial class LessonCommands(ConcordDb db, CurrentUser user, Auditor auditor, LessonAccess access, TimeProvider clock)
{
    public const int MaxTags = 10;
    public const int MaxReasonLength = 1000;

    /// <summary>The most text the public version of a lesson may hold (its three texts and tags, with names taken out).</summary>
    public const int MaxPublicTextLength = 4 * LessonCsvImport.MaxTextLength;

    /// <summary>The most names of each kind taken out of one text (far more than any lesson names).</summary>
    public const int MaxNamesPerKind = 500;

    /// <summary>How much text one look-up for names reads (an import of many public lessons is read in pieces).</summary>
    private const int NameLookupChunk = 200_000;

    public static string PublishedMessage(Lesson lesson) => lesson.Moderation switch
    {
        ModerationState.Pending => "Your lesson is waiting for the learning team to review it before it appears publicly.",
        ModerationState.Published => "Your lesson is published in the library.",
        _ => "Your lesson is saved as a draft.",
    };

    /// <summary>Writes a lesson. <paramref name="inputErrors"/> are what the caller found reading the request (an unknown
    /// kind, say), answered with the command's own checks.</summary>
    public async Task<WriteResult<Lesson>> CreateAsync(LessonFields fields, bool publish, CancellationToken ct, FieldErrors? inputErrors = null)
    {
        if (user.IsReadOnly)
        {
            return WriteFailure.Forbidden("Your token is read-only");
        }

        var errors = await CheckAsync(fields, null, inputErrors, ct);
        if (errors.Any)
        {
            return WriteFailure.Invalid(errors);
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
        return lesson;
    }

    /// <summary>
    /// Saves an edit made against <paramref name="version"/> (required). When the lesson has changed since, nothing is
    /// written and the answer is Stale with the lesson as saved. A change to the words of a published public lesson goes
    /// back to the learning team, since the public reads only what they approved.
    /// </summary>
    public async Task<WriteResult<Lesson>> UpdateAsync(Guid id, LessonFields fields, int? version, bool publish, CancellationToken ct, FieldErrors? inputErrors = null)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return WriteFailure.NotFound();
        }

        if (!found.CanEdit)
        {
            return WriteFailure.Forbidden(user.IsReadOnly ? "Your token is read-only" : "Only the lesson's author or the partnership's coordinators change it");
        }

        var lesson = found.Lesson;
        var errors = await CheckAsync(fields, lesson, inputErrors, ct);
        if (version is null)
        {
            errors.Add("Version", "Send the version of the lesson you read, so a stale edit is not saved over someone else's");
        }

        if (errors.Any)
        {
            return WriteFailure.Invalid(errors);
        }

        if (lesson.Version != version)
        {
            return WriteFailure.Stale(WriteFailure.StaleMessage("lesson"), lesson);
        }

        db.ExpectVersion(lesson, version!.Value);
        var before = (lesson.Visibility, lesson.PartnershipId, Words: Words(lesson));
        Apply(lesson, fields, clock.GetUtcNow());
        var reworded = before.Words != Words(lesson) || before.Visibility != lesson.Visibility || before.PartnershipId != lesson.PartnershipId;
        if (publish)
        {
            Publish(lesson);
        }
        else if (lesson.Moderation == ModerationState.Published && lesson.Visibility == LessonVisibility.Public && reworded)
        {
            // The public reads only what the learning team approved: new words (or newly public) go back to them first.
            lesson.Moderation = ModerationState.Pending;
        }

        if (reworded || publish)
        {
            await RefreshLibraryTextAsync(lesson, ct);
        }

        auditor.Record(publish ? LessonAuditActions.Published : LessonAuditActions.Changed, nameof(Lesson), lesson.Id, partnershipId: lesson.PartnershipId);
        return await db.SaveVersionedAsync(lesson, "lesson", ct);
    }

    /// <summary>Publishes a draft or a rejected lesson (a public one goes to the learning team first).</summary>
    public async Task<WriteResult<Lesson>> PublishAsync(Guid id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return WriteFailure.NotFound();
        }

        if (!found.CanEdit)
        {
            return WriteFailure.Forbidden(user.IsReadOnly ? "Your token is read-only" : "Only the lesson's author or the partnership's coordinators publish it");
        }

        var lesson = found.Lesson;
        if (lesson.Moderation is not (ModerationState.Draft or ModerationState.Rejected))
        {
            return lesson;
        }

        Publish(lesson);
        lesson.UpdatedAt = clock.GetUtcNow();
        await RefreshLibraryTextAsync(lesson, ct);
        auditor.Record(lesson.Moderation == ModerationState.Pending ? LessonAuditActions.SentForReview : LessonAuditActions.Published,
            nameof(Lesson), lesson.Id, partnershipId: lesson.PartnershipId);
        return await db.SaveVersionedAsync(lesson, "lesson", ct);
    }

    /// <summary>
    /// The learning team's decision on a lesson waiting for review. A lesson already reviewed is Stale (someone decided
    /// first). With <paramref name="showPublicVersionFirst"/> (the moderation page), making public a lesson whose public
    /// version the moderator has not seen yet works out that version and leaves the lesson waiting, so they read it first.
    /// </summary>
    public async Task<WriteResult<Lesson>> ModerateAsync(Guid id, ModerationDecision decision, bool showPublicVersionFirst, CancellationToken ct,
        FieldErrors? inputErrors = null)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return WriteFailure.NotFound();
        }

        if (!found.CanModerate)
        {
            return WriteFailure.Forbidden(user.IsReadOnly ? "Your token is read-only" : "Only the learning team moderates lessons");
        }

        var lesson = found.Lesson;
        if (lesson.Moderation != ModerationState.Pending)
        {
            return WriteFailure.Stale("This lesson is not waiting for review: someone has already reviewed it", lesson);
        }

        var errors = new FieldErrors().AddRange(inputErrors ?? new FieldErrors());
        var visibility = decision.Visibility ?? lesson.Visibility;
        var publicTitle = decision.PublicTitle?.Trim();
        var publicText = decision.PublicText?.Trim();
        var reason = decision.Reason?.Trim();
        if (decision.Approve is null)
        {
            errors.Add("Decision", "Say whether to approve or reject the lesson");
        }
        else if (decision.Approve == true)
        {
            if (visibility == LessonVisibility.Partnership && lesson.PartnershipId is null)
            {
                errors.Add("Visibility", "This lesson has no partnership: choose network or public");
            }

            if (decision.CategoryId is { } cid && !await db.Set<LessonCategoryEntry>().AnyAsync(c => c.Id == cid, ct))
            {
                errors.Add("CategoryId", "Choose a category from the list");
            }

            if (visibility == LessonVisibility.Public && (publicTitle is not null || publicText is not null))
            {
                if (string.IsNullOrEmpty(publicTitle))
                {
                    errors.Add("PublicTitle", "Enter the title the public will read");
                }
                else if (publicTitle.Length > LessonCsvImport.MaxTitleLength)
                {
                    errors.Add("PublicTitle", $"The title must be {LessonCsvImport.MaxTitleLength} characters or fewer");
                }

                if (string.IsNullOrEmpty(publicText))
                {
                    errors.Add("PublicText", "Enter the text the public will read");
                }
                else if (publicText.Length > MaxPublicTextLength)
                {
                    errors.Add("PublicText", $"The text must be {MaxPublicTextLength:N0} characters or fewer");
                }
            }
        }
        else if (string.IsNullOrEmpty(reason))
        {
            errors.Add("Reason", "Say why the lesson is not being published, so its author can put it right");
        }
        else if (reason.Length > MaxReasonLength)
        {
            errors.Add("Reason", $"The reason must be {MaxReasonLength:N0} characters or fewer");
        }

        if (errors.Any)
        {
            return WriteFailure.Invalid(errors);
        }

        var details = decision.Approve == true ? $"Visibility: {visibility}" : reason;
        if (decision.Approve == true)
        {
            var seenPublicVersion = lesson.Visibility == LessonVisibility.Public || publicTitle is not null;
            lesson.Visibility = visibility;
            lesson.CategoryId = decision.CategoryId ?? lesson.CategoryId;
            lesson.RejectionReason = null;
            if (visibility == LessonVisibility.Public && publicTitle is not null)
            {
                // What the moderator approved is what the public reads.
                lesson.LibraryTitle = publicTitle;
                lesson.LibraryText = publicText!;
                details += " (public text checked)";
            }
            else
            {
                await RefreshLibraryTextAsync(lesson, ct);
            }

            if (visibility == LessonVisibility.Public && showPublicVersionFirst && !seenPublicVersion)
            {
                details = "Made public: waiting for the public version to be checked";
            }
            else
            {
                lesson.Moderation = ModerationState.Published;
            }
        }
        else
        {
            lesson.Moderation = ModerationState.Rejected;
            lesson.RejectionReason = reason;
        }

        lesson.UpdatedAt = clock.GetUtcNow();
        auditor.Record(lesson.Moderation switch
        {
            ModerationState.Published => LessonAuditActions.Approved,
            ModerationState.Rejected => LessonAuditActions.Rejected,
            _ => LessonAuditActions.Changed,
        }, nameof(Lesson), lesson.Id, partnershipId: lesson.PartnershipId, details: details);
        return await db.SaveVersionedAsync(lesson, "lesson", ct);
    }

    /// <summary>Files a lesson under a category (a suggestion applied in one click, or one chosen from the list).</summary>
    public async Task<WriteResult<LessonCategoryEntry>> SetCategoryAsync(Guid id, Guid? categoryId, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return WriteFailure.NotFound();
        }

        if (!found.CanEdit && !found.CanModerate)
        {
            return WriteFailure.Forbidden("Only the lesson's author, the partnership's coordinators or the learning team file it");
        }

        var category = categoryId is { } cid ? await db.Set<LessonCategoryEntry>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == cid && !c.IsRetired, ct) : null;
        if (category is null)
        {
            return WriteFailure.Invalid("CategoryId", "Choose a category from the list");
        }

        var lesson = found.Lesson;
        lesson.CategoryId = category.Id;
        lesson.UpdatedAt = clock.GetUtcNow();
        auditor.Record(LessonAuditActions.Changed, nameof(Lesson), lesson.Id, partnershipId: lesson.PartnershipId, details: "Category chosen");
        var saved = await db.SaveVersionedAsync(lesson, "lesson", ct);
        return saved.Saved ? category : saved.Failure!;
    }

    /// <summary>
    /// Adds a category (<paramref name="id"/> null) or changes one, made against <paramref name="version"/> (required for a
    /// change): the learning team only. A stale change writes nothing and answers Stale with the category as saved.
    /// </summary>
    public async Task<WriteResult<LessonCategoryEntry>> SaveCategoryAsync(Guid? id, CategoryFields f, int? version, CancellationToken ct)
    {
        if (!user.IsLearningTeam || user.IsReadOnly)
        {
            return WriteFailure.Forbidden("Only the learning team changes the lesson categories");
        }

        LessonCategoryEntry? category = null;
        if (id is { } existing)
        {
            category = await db.Set<LessonCategoryEntry>().FirstOrDefaultAsync(c => c.Id == existing, ct);
            if (category is null)
            {
                return WriteFailure.NotFound();
            }

            if (version is null)
            {
                return WriteFailure.Invalid("Version", "Send the version of the category you read, so a stale edit is not saved over someone else's");
            }
        }

        var errors = new FieldErrors();
        var name = f.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors.Add("Name", "Enter the category's name");
        }
        else if (name.Length > 100)
        {
            errors.Add("Name", "The name must be 100 characters or fewer");
        }
        else if (await db.Set<LessonCategoryEntry>().AnyAsync(c => c.Name.ToLower() == name.ToLower() && c.Id != id, ct))
        {
            errors.Add("Name", "There is already a category with that name");
        }

        if (f.Description?.Length > 1000)
        {
            errors.Add("Description", "The description must be 1,000 characters or fewer");
        }

        if (f.Keywords?.Length > 2000)
        {
            errors.Add("Keywords", "The keywords must be 2,000 characters or fewer");
        }

        if (errors.Any)
        {
            return WriteFailure.Invalid(errors);
        }

        if (category is null)
        {
            var slug = Slug(name!);
            var taken = await db.Set<LessonCategoryEntry>().Where(c => c.Slug.StartsWith(slug)).Select(c => c.Slug).ToListAsync(ct);
            var unique = slug;
            for (var n = 2; taken.Contains(unique); n++)
            {
                unique = $"{slug}-{n}";
            }

            var order = await db.Set<LessonCategoryEntry>().MaxAsync(c => (int?)c.SortOrder, ct) ?? 0;
            category = new LessonCategoryEntry { Slug = unique, Name = name!, SortOrder = order + 10 };
            db.Add(category);
        }
        else if (category.Version != version)
        {
            return WriteFailure.Stale(WriteFailure.StaleMessage("category"), category);
        }
        else
        {
            db.ExpectVersion(category, version!.Value);
            db.Entry(category).State = EntityState.Modified;
        }

        category.Name = name!;
        category.Description = f.Description?.Trim() ?? "";
        category.Keywords = string.Join(", ", (f.Keywords ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        category.IsRetired = id is not null && f.Retired;
        auditor.Record(LessonAuditActions.CategoryChanged, nameof(LessonCategoryEntry), category.Id, details: category.Name);
        return await db.SaveVersionedAsync(category, "category", ct);
    }

    /// <summary>Makes a link for collecting lessons at an event, closing at a London date and time (the learning team only).</summary>
    public async Task<WriteResult<LessonCollectionLink>> CreateLinkAsync(string? name, DateOnly? closesOn, TimeOnly? closesAt, CancellationToken ct)
    {
        if (!user.IsLearningTeam || user.IsReadOnly)
        {
            return WriteFailure.Forbidden("Only the learning team makes links for events");
        }

        var now = clock.GetUtcNow();
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add("Name", "Enter the name of the event");
        }
        else if (name.Trim().Length > 200)
        {
            errors.Add("Name", "The name must be 200 characters or fewer");
        }

        DateTimeOffset closes = default;
        if (closesOn is null)
        {
            errors.Add("ClosesOn", "Enter the date the link closes");
        }
        else
        {
            var local = closesOn.Value.ToDateTime(closesAt ?? new TimeOnly(23, 59));
            closes = new DateTimeOffset(local, London.Zone.GetUtcOffset(local));
            if (closes <= now)
            {
                errors.Add("ClosesOn", "The closing time must be in the future");
            }
        }

        if (errors.Any)
        {
            return WriteFailure.Invalid(errors);
        }

        var link = new LessonCollectionLink
        {
            Name = name!.Trim(),
            Token = Secrets.NewToken(),
            ClosesAt = closes,
            CreatedById = user.Id,
            CreatedAt = now,
        };
        db.Add(link);
        auditor.Record(LessonAuditActions.LinkCreated, nameof(LessonCollectionLink), link.Id, details: link.Name);
        await db.SaveChangesAsync(ct);
        return link;
    }

    /// <summary>Closes an event link at once (closing a closed one changes nothing).</summary>
    public async Task<WriteResult<LessonCollectionLink>> CloseLinkAsync(Guid linkId, CancellationToken ct)
    {
        if (!user.IsLearningTeam || user.IsReadOnly)
        {
            return WriteFailure.Forbidden("Only the learning team closes links for events");
        }

        var link = await db.Set<LessonCollectionLink>().FirstOrDefaultAsync(l => l.Id == linkId, ct);
        if (link is null)
        {
            return WriteFailure.NotFound();
        }

        link.ClosedAt ??= clock.GetUtcNow();
        auditor.Record(LessonAuditActions.LinkClosed, nameof(LessonCollectionLink), link.Id, details: link.Name);
        await db.SaveChangesAsync(ct);
        return link;
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
        var lessons = new List<Lesson>();
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
            lessons.Add(lesson);
        }

        // Public lessons: one look-up for the names in all of them (read in pieces), not one per lesson.
        var names = visibility == LessonVisibility.Public ? await NamesInAsync(lessons.Select(Words), [], ct) : AnonymisationNames.None;
        foreach (var lesson in lessons)
        {
            SetLibraryText(lesson, names);
            db.Add(lesson);
        }

        auditor.Record(LessonAuditActions.Imported, nameof(Lesson), null, partnershipId: partnershipId, details: $"{lessons.Count} lessons imported as drafts");
        await db.SaveChangesAsync(ct);
        return lessons.Count;
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

    private static void Publish(Lesson lesson)
    {
        lesson.Moderation = lesson.Visibility == LessonVisibility.Public ? ModerationState.Pending : ModerationState.Published;
        lesson.RejectionReason = null;
    }

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

    private async Task<FieldErrors> CheckAsync(LessonFields f, Lesson? existing, FieldErrors? inputErrors, CancellationToken ct)
    {
        var errors = new FieldErrors().AddRange(inputErrors ?? new FieldErrors());
        if (string.IsNullOrWhiteSpace(f.Title))
        {
            errors.Add("Title", "Enter a title for the lesson");
        }
        else if (f.Title.Trim().Length > LessonCsvImport.MaxTitleLength)
        {
            errors.Add("Title", $"The title must be {LessonCsvImport.MaxTitleLength} characters or fewer");
        }

        if (f.Kind is null)
        {
            errors.Add("Kind", "Choose what sort of lesson this is");
        }

        foreach (var (name, label, value) in new[] { ("Context", "The context", f.Context), ("WhatHappened", "What happened", f.WhatHappened), ("Recommendation", "The recommendation", f.Recommendation), ("Evidence", "The evidence", f.Evidence) })
        {
            if (value?.Length > LessonCsvImport.MaxTextLength)
            {
                errors.Add(name, $"{label} must be {LessonCsvImport.MaxTextLength:N0} characters or fewer");
            }
        }

        if (string.IsNullOrWhiteSpace(f.WhatHappened) && string.IsNullOrWhiteSpace(f.Recommendation) && !errors.ContainsKey("Title"))
        {
            errors.Add("WhatHappened", "Say what happened, or give a recommendation");
        }

        var tags = ParseTags(f.Tags);
        if (tags.Count > MaxTags)
        {
            errors.Add("Tags", $"Use {MaxTags} tags or fewer");
        }
        else if (tags.Any(t => t.Length > LessonCsvImport.MaxTagLength))
        {
            errors.Add("Tags", $"Each tag must be {LessonCsvImport.MaxTagLength} characters or fewer");
        }

        if (f.PartnershipType?.Trim().Length > 100)
        {
            errors.Add("PartnershipType", "The type of partnership must be 100 characters or fewer");
        }

        if (f.CategoryId is { } cid && cid != existing?.CategoryId &&
            !await db.Set<LessonCategoryEntry>().AnyAsync(c => c.Id == cid && !c.IsRetired, ct))
        {
            errors.Add("CategoryId", "Choose a category from the list");
        }

        if (f.PartnershipId is { } pid && pid != existing?.PartnershipId &&
            !await access.PartnershipsICanWriteFor().AnyAsync(p => p.Id == pid, ct))
        {
            errors.Add("PartnershipId", "Choose a partnership you contribute to");
        }

        if (f.Visibility == LessonVisibility.Partnership && f.PartnershipId is null)
        {
            errors.Add("Visibility", "Choose a partnership, or share the lesson with the network");
        }

        return errors;
    }

    /// <summary>Sets what the library shows and searches: for a public lesson, the text with names taken out.</summary>
    public async Task RefreshLibraryTextAsync(Lesson lesson, CancellationToken ct)
    {
        var names = lesson.Visibility == LessonVisibility.Public
            ? await NamesInAsync([Words(lesson)], lesson.SubmittedBy is { } by ? [by] : [], ct)
            : AnonymisationNames.None;
        SetLibraryText(lesson, names);
    }

    /// <summary>
    /// Every name Concord knows that appears in <paramref name="texts"/>: partnerships', organisations' and accounts' names,
    /// and accounts' first names, found by the database (each table read once per look-up, comparing ignoring case), so the
    /// answer holds only names in the text — at most <see cref="MaxNamesPerKind"/> of each kind — never a whole table.
    /// <paramref name="extraPeople"/> are names given with the lesson (who sent it at an event).
    /// </summary>
    public async Task<AnonymisationNames> NamesInAsync(IEnumerable<string> texts, IReadOnlyCollection<string> extraPeople, CancellationToken ct)
    {
        var partnerships = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var organisations = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var people = new HashSet<string>(extraPeople, StringComparer.OrdinalIgnoreCase);
        var firstNames = new HashSet<string>(extraPeople.Select(FirstName).OfType<string>(), StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in Chunks(texts))
        {
            var text = chunk.ToLowerInvariant();
            partnerships.UnionWith(await db.Set<Partnership>().Where(p => p.Name != "" && text.Contains(p.Name.ToLower()))
                .Select(p => p.Name).Distinct().Take(MaxNamesPerKind).ToListAsync(ct));
            organisations.UnionWith(await db.Set<Organisation>().Where(o => o.Name != "" && text.Contains(o.Name.ToLower()))
                .Select(o => o.Name).Distinct().Take(MaxNamesPerKind).ToListAsync(ct));
            people.UnionWith(await db.Set<Account>().Where(a => a.DisplayName != "" && text.Contains(a.DisplayName.ToLower()))
                .Select(a => a.DisplayName).Distinct().Take(MaxNamesPerKind).ToListAsync(ct));
            firstNames.UnionWith(await db.Set<Account>().Where(a => a.DisplayName.Contains(" "))
                .Select(a => a.DisplayName.Substring(0, a.DisplayName.IndexOf(" ")))
                .Where(first => first.Length > 1 && text.Contains(first.ToLower()))
                .Distinct().Take(MaxNamesPerKind).ToListAsync(ct));
        }

        return new AnonymisationNames([.. partnerships], [.. organisations], [.. people]) { FirstNames = [.. firstNames] };
    }

    private static string? FirstName(string name) =>
        name.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: > 1 } words ? words[0] : null;

    private static IEnumerable<string> Chunks(IEnumerable<string> texts)
    {
        var chunk = new System.Text.StringBuilder();
        foreach (var text in texts)
        {
            if (chunk.Length > 0 && chunk.Length + text.Length > NameLookupChunk)
            {
                yield return chunk.ToString();
                chunk.Clear();
            }

            chunk.Append(text).Append('\n');
        }

        if (chunk.Length > 0)
        {
            yield return chunk.ToString();
        }
    }

    /// <summary>A lesson's own words, as the library text is made from them.</summary>
    private static string Words(Lesson lesson) =>
        string.Join('\n', new[] { lesson.Title, lesson.Context, lesson.WhatHappened, lesson.Recommendation }.Select(t => t ?? "")
            .Concat(lesson.Tags.Select(t => t.Tag).Order(StringComparer.Ordinal)));

    private static string Slug(string name)
    {
        var slug = NonSlug().Replace(name.ToLowerInvariant(), "-").Trim('-');
        slug = slug.Length > 60 ? slug[..60].Trim('-') : slug;
        return slug.Length == 0 ? "category" : slug;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonSlug();

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
