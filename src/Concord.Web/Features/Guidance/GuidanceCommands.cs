using System.Text.RegularExpressions;
using Concord.Web.Features.Audit;
using Concord.Web.Features.Lessons;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Writes;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Guidance;

public sealed record ArticleFields(string? Title, string? Slug, string? Summary, string? Stage, string? Body, string? RelatedCategories, string? RelatedTags, int? SortOrder);

public sealed record TemplateFields(string? Title, string? Description, string? Stage, string? GuidanceSlug, string? Items);

/// <summary>
/// Writes to guidance and checklists that pages and the API share, each one SaveChanges with its audit line, each answering
/// a <see cref="WriteResult{T}"/>. Guidance and templates are the learning team's (others: Forbidden); a partnership's
/// checklists take the request's <see cref="PartnershipScope"/> and check the operation again. A change names the version it
/// was made against; a stale one writes nothing and answers Stale with the record as saved now.
/// </summary>
public sealed partial class GuidanceCommands(ConcordDb db, CurrentUser user, Auditor auditor, TimeProvider clock)
{
    public const string Spotlight = "Spotlight";

    public static bool TryParseStage(string? text, out PartnershipStage? stage)
    {
        stage = null;
        if (string.IsNullOrWhiteSpace(text) || string.Equals(text.Trim(), Spotlight, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (LessonVocabulary.TryParseStage(text, out var parsed))
        {
            stage = parsed;
            return true;
        }

        return false;
    }

    private WriteFailure? LearningTeamOnly(string what) =>
        user.IsLearningTeam && !user.IsReadOnly ? null : WriteFailure.Forbidden($"Only the learning team {what}");

    public async Task<WriteResult<GuidanceArticle>> CreateArticleAsync(ArticleFields input, CancellationToken ct)
    {
        if (LearningTeamOnly("writes guidance") is { } refused)
        {
            return refused;
        }

        var (errors, slug, stage) = await CheckArticleAsync(null, input, ct);
        if (errors.Any)
        {
            return WriteFailure.Invalid(errors);
        }

        var article = new GuidanceArticle { Slug = slug!, Title = input.Title!.Trim() };
        Apply(article, input, slug!, stage);
        db.Add(article);
        auditor.Record("guidance.created", nameof(GuidanceArticle), article.Id, details: article.Title);
        return await SaveUniqueSlugAsync(article, ct);
    }

    /// <summary>Changes the article at <paramref name="slug"/>. A stale <paramref name="expectedVersion"/> writes nothing.</summary>
    public async Task<WriteResult<GuidanceArticle>> UpdateArticleAsync(string slug, ArticleFields input, int? expectedVersion, CancellationToken ct)
    {
        if (await db.Set<GuidanceArticle>().FirstOrDefaultAsync(a => a.Slug == slug, ct) is not { } article)
        {
            return WriteFailure.NotFound();
        }

        if (LearningTeamOnly("changes guidance") is { } refused)
        {
            return refused;
        }

        if (expectedVersion is null)
        {
            return WriteFailure.Invalid("Version", "Send the version of the article you read, so a stale edit is not saved over someone else's");
        }

        var (errors, newSlug, stage) = await CheckArticleAsync(article, input, ct);
        if (errors.Any)
        {
            return WriteFailure.Invalid(errors);
        }

        if (article.Version != expectedVersion)
        {
            return WriteFailure.Stale(WriteFailure.StaleMessage("article"), article);
        }

        db.ExpectVersion(article, expectedVersion.Value);
        if (article.Slug != newSlug)
        {
            // Checklists drawn from the article follow it to its new address (same SaveChanges).
            foreach (var template in await db.Set<ChecklistTemplate>().Where(t => t.GuidanceSlug == article.Slug).ToListAsync(ct))
            {
                template.GuidanceSlug = newSlug;
            }
        }

        Apply(article, input, newSlug!, stage);
        // Save even when nothing changed, so a stale version is still refused.
        db.Entry(article).State = EntityState.Modified;
        auditor.Record("guidance.changed", nameof(GuidanceArticle), article.Id, details: article.Title);
        return await SaveUniqueSlugAsync(article, ct);
    }

    private async Task<(FieldErrors Errors, string? Slug, PartnershipStage? Stage)> CheckArticleAsync(GuidanceArticle? existing, ArticleFields input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var title = input.Title?.Trim();
        var slug = string.IsNullOrWhiteSpace(input.Slug) ? existing?.Slug ?? Slugify(title) : input.Slug.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(title))
        {
            errors.Add("Title", "Enter a title");
        }
        else if (title.Length > 200)
        {
            errors.Add("Title", "Keep the title to 200 characters or fewer");
        }

        if (string.IsNullOrEmpty(slug) || !SlugPattern().IsMatch(slug) || slug.Length > 100)
        {
            errors.Add("Slug", "Use lower-case letters, numbers and hyphens for the web address, like working-with-schools");
        }
        else if (slug is "new" or "checklists" || await db.Set<GuidanceArticle>().AnyAsync(a => a.Slug == slug && (existing == null || a.Id != existing.Id), ct))
        {
            errors.Add("Slug", SlugTaken);
        }

        if (!TryParseStage(input.Stage, out var stage))
        {
            errors.Add("Stage", $"Choose a stage ({LessonVocabulary.StageChoicesText}) or Spotlight");
        }

        if (string.IsNullOrWhiteSpace(input.Body))
        {
            errors.Add("Body", "Write the article");
        }
        else if (input.Body.Length > 40000)
        {
            errors.Add("Body", "Keep the article to 40,000 characters or fewer");
        }

        if ((input.Summary?.Length ?? 0) > 1000)
        {
            errors.Add("Summary", "Keep the summary to 1,000 characters or fewer");
        }

        if (string.Join(",", GuidanceArticle.SplitList(input.RelatedCategories)).Length > 1000)
        {
            errors.Add("RelatedCategories", "Keep the related categories to 1,000 characters or fewer");
        }

        if (string.Join(",", GuidanceArticle.SplitList(input.RelatedTags)).Length > 1000)
        {
            errors.Add("RelatedTags", "Keep the related tags to 1,000 characters or fewer");
        }

        return (errors, slug, stage);
    }

    private const string SlugTaken = "Another article already uses this web address. Choose a different one";

    private void Apply(GuidanceArticle article, ArticleFields input, string slug, PartnershipStage? stage)
    {
        article.Slug = slug;
        article.Title = input.Title!.Trim();
        article.Summary = input.Summary?.Trim() ?? "";
        article.Stage = stage;
        article.Body = input.Body!.Replace("\r\n", "\n", StringComparison.Ordinal);
        article.RelatedCategories = string.Join(",", GuidanceArticle.SplitList(input.RelatedCategories));
        article.RelatedTags = string.Join(",", GuidanceArticle.SplitList(input.RelatedTags));
        article.SortOrder = input.SortOrder ?? article.SortOrder;
        article.UpdatedAt = clock.GetUtcNow();
        article.UpdatedById = user.IdOrNull;
    }

    /// <summary>Saves an article; another article taking the same web address at the same moment is a field error, not a 500.</summary>
    private async Task<WriteResult<GuidanceArticle>> SaveUniqueSlugAsync(GuidanceArticle article, CancellationToken ct)
    {
        try
        {
            return await db.SaveVersionedAsync(article, "article", ct);
        }
        catch (DbUpdateException)
        {
            if (await SlugTakenByAnotherAsync(article, ct))
            {
                return WriteFailure.Invalid("Slug", SlugTaken);
            }

            throw;
        }
    }

    private async Task<bool> SlugTakenByAnotherAsync(GuidanceArticle article, CancellationToken ct)
    {
        var (id, slug) = (article.Id, article.Slug);
        db.ChangeTracker.Clear();
        return await db.Set<GuidanceArticle>().AnyAsync(a => a.Slug == slug && a.Id != id, ct);
    }

    public async Task<WriteResult<ChecklistTemplate>> CreateTemplateAsync(TemplateFields input, CancellationToken ct)
    {
        if (LearningTeamOnly("writes checklists") is { } refused)
        {
            return refused;
        }

        var (errors, stage, items, slug) = await CheckTemplateAsync(input, ct);
        if (errors.Any)
        {
            return WriteFailure.Invalid(errors);
        }

        var template = new ChecklistTemplate { Title = input.Title!.Trim() };
        Apply(template, input, stage, items, slug);
        db.Add(template);
        auditor.Record("checklist-template.created", nameof(ChecklistTemplate), template.Id, details: template.Title);
        await db.SaveChangesAsync(ct);
        return template;
    }

    /// <summary>Changes a checklist template. A stale <paramref name="expectedVersion"/> writes nothing.</summary>
    public async Task<WriteResult<ChecklistTemplate>> UpdateTemplateAsync(Guid templateId, TemplateFields input, int? expectedVersion, CancellationToken ct)
    {
        if (await db.Set<ChecklistTemplate>().FirstOrDefaultAsync(t => t.Id == templateId, ct) is not { } template)
        {
            return WriteFailure.NotFound();
        }

        if (LearningTeamOnly("changes checklists") is { } refused)
        {
            return refused;
        }

        if (expectedVersion is null)
        {
            return WriteFailure.Invalid("Version", "Send the version of the checklist you read, so a stale edit is not saved over someone else's");
        }

        var (errors, stage, items, slug) = await CheckTemplateAsync(input, ct);
        if (errors.Any)
        {
            return WriteFailure.Invalid(errors);
        }

        if (template.Version != expectedVersion)
        {
            return WriteFailure.Stale(WriteFailure.StaleMessage("checklist"), template);
        }

        db.ExpectVersion(template, expectedVersion.Value);
        Apply(template, input, stage, items, slug);
        db.Entry(template).State = EntityState.Modified;
        auditor.Record("checklist-template.changed", nameof(ChecklistTemplate), template.Id, details: template.Title);
        return await db.SaveVersionedAsync(template, "checklist", ct);
    }

    private async Task<(FieldErrors Errors, PartnershipStage? Stage, List<string> Items, string? Slug)> CheckTemplateAsync(TemplateFields input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var title = input.Title?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            errors.Add("Title", "Enter a title");
        }
        else if (title.Length > 200)
        {
            errors.Add("Title", "Keep the title to 200 characters or fewer");
        }

        if (!TryParseStage(input.Stage, out var stage))
        {
            errors.Add("Stage", $"Choose a stage ({LessonVocabulary.StageChoicesText}) or Spotlight");
        }

        var items = ChecklistTemplate.SplitLines(input.Items);
        if (items.Count == 0)
        {
            errors.Add("Items", "Enter at least one item, one a line");
        }
        else if (items.Any(i => i.Length > 500) || items.Count > 100 || string.Join("\n", items).Length > 10000)
        {
            errors.Add("Items", "Keep each item to 500 characters, and the checklist to 100 items and 10,000 characters");
        }

        if ((input.Description?.Length ?? 0) > 2000)
        {
            errors.Add("Description", "Keep the description to 2,000 characters or fewer");
        }

        var slug = string.IsNullOrWhiteSpace(input.GuidanceSlug) ? null : input.GuidanceSlug.Trim();
        if (slug is not null && !await db.Set<GuidanceArticle>().AnyAsync(a => a.Slug == slug, ct))
        {
            errors.Add("GuidanceSlug", "Choose an article from the list");
        }

        return (errors, stage, [.. items], slug);
    }

    private void Apply(ChecklistTemplate template, TemplateFields input, PartnershipStage? stage, List<string> items, string? slug)
    {
        template.Title = input.Title!.Trim();
        template.Description = input.Description?.Trim() ?? "";
        template.Stage = stage;
        template.GuidanceSlug = slug;
        template.Items = string.Join("\n", items);
        template.UpdatedAt = clock.GetUtcNow();
    }

    /// <summary>Adopts a template for the partnership (Manage): copies its items, so later template edits do not move anyone's ticks.</summary>
    public async Task<WriteResult<PartnershipChecklist>> AdoptAsync(PartnershipScope scope, Guid? templateId, CancellationToken ct)
    {
        if (!scope.Can(PartnershipOperation.Manage))
        {
            return WriteFailure.Forbidden(Permissions.Refusal(scope.Role, PartnershipOperation.Manage));
        }

        var template = templateId is null ? null : await db.Set<ChecklistTemplate>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == templateId, ct);
        if (template is null)
        {
            return WriteFailure.Invalid("TemplateId", "Choose a checklist");
        }

        if (await db.Set<PartnershipChecklist>().AnyAsync(c => c.PartnershipId == scope.Id && c.TemplateId == template.Id, ct))
        {
            return WriteFailure.Invalid("TemplateId", "The partnership already has this checklist");
        }

        var checklist = new PartnershipChecklist
        {
            PartnershipId = scope.Id,
            TemplateId = template.Id,
            Title = template.Title,
            Stage = template.Stage,
            GuidanceSlug = template.GuidanceSlug,
            AdoptedAt = clock.GetUtcNow(),
            AdoptedById = user.IdOrNull,
        };
        var order = 0;
        foreach (var text in template.ItemList)
        {
            checklist.ItemsList.Add(new ChecklistItem { ChecklistId = checklist.Id, Text = text, SortOrder = ++order });
        }

        db.Add(checklist);
        auditor.Record("checklist.adopted", nameof(PartnershipChecklist), checklist.Id, partnershipId: scope.Id, details: checklist.Title);
        await db.SaveChangesAsync(ct);
        return checklist;
    }

    /// <summary>Ticks (with who, when and an optional note) or unticks one item of one of the partnership's checklists (Contribute).</summary>
    public async Task<WriteResult<ChecklistItem>> TickAsync(PartnershipScope scope, Guid checklistId, Guid? itemId, bool ticked, string? note, CancellationToken ct)
    {
        if (!await db.Set<PartnershipChecklist>().AnyAsync(c => c.Id == checklistId && c.PartnershipId == scope.Id, ct))
        {
            return WriteFailure.NotFound();
        }

        if (!scope.Can(PartnershipOperation.Contribute))
        {
            return WriteFailure.Forbidden(Permissions.Refusal(scope.Role, PartnershipOperation.Contribute));
        }

        var item = itemId is null ? null : await db.Set<ChecklistItem>().FirstOrDefaultAsync(i => i.Id == itemId && i.ChecklistId == checklistId, ct);
        if (item is null)
        {
            return WriteFailure.Invalid("ItemId", "Choose an item of this checklist");
        }

        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note is { Length: > 1000 })
        {
            return WriteFailure.Invalid("Note", "Keep the note to 1,000 characters or fewer");
        }

        if (ticked)
        {
            item.TickedAt = clock.GetUtcNow();
            item.TickedById = scope.AccountId;
            item.Note = note;
        }
        else
        {
            item.TickedAt = null;
            item.TickedById = null;
            item.Note = null;
        }

        auditor.Record(ticked ? "checklist.item-ticked" : "checklist.item-unticked", nameof(ChecklistItem), item.Id, partnershipId: scope.Id, details: item.Text);
        await db.SaveChangesAsync(ct);
        return item;
    }

    public static string? Slugify(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var slug = NonSlug().Replace(text.Trim().ToLowerInvariant(), "-").Trim('-');
        return slug.Length > 100 ? slug[..100].Trim('-') : slug;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonSlug();
}

/// <summary>Progress of one adopted checklist.</summary>
public sealed record ChecklistProgress(Guid Id, string Title, PartnershipStage? Stage, int Done, int Total)
{
    public int Percent => Total == 0 ? 0 : (int)Math.Round(100.0 * Done / Total);
}

public static class ChecklistQueries
{
    public static Task<List<ChecklistProgress>> ProgressAsync(ConcordDb db, PartnershipScope scope, CancellationToken ct) =>
        db.Set<PartnershipChecklist>()
            .Where(c => c.PartnershipId == scope.Id)
            .OrderBy(c => c.AdoptedAt).ThenBy(c => c.Id)
            .Select(c => new ChecklistProgress(c.Id, c.Title, c.Stage, c.ItemsList.Count(i => i.TickedAt != null), c.ItemsList.Count))
            .ToListAsync(ct);
}
