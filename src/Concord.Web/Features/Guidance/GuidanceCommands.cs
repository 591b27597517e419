using System.Text.RegularExpressions;
using Concord.Web.Features.Audit;
using Concord.Web.Features.Lessons;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Guidance;

/// <summary>Field errors keyed by field name (pages prefix "Input.", the API camel-cases them).</summary>
public sealed class WriteOutcome
{
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);
    public bool Succeeded => Errors.Count == 0;

    public WriteOutcome Add(string field, string message)
    {
        Errors.TryAdd(field, message);
        return this;
    }

    public Dictionary<string, string[]> ToProblemErrors() =>
        Errors.ToDictionary(e => char.ToLowerInvariant(e.Key[0]) + e.Key[1..], e => new[] { e.Value });
}

public sealed record ArticleFields(string? Title, string? Slug, string? Summary, string? Stage, string? Body, string? RelatedCategories, string? RelatedTags, int? SortOrder);

public sealed record TemplateFields(string? Title, string? Description, string? Stage, string? GuidanceSlug, string? Items);

/// <summary>
/// Writes to guidance and checklists that pages and the API share. Each is one SaveChanges with its
/// audit line; a stale version raises DbUpdateConcurrencyException (pages show both versions, the API 409).
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

    public async Task<(GuidanceArticle? Article, WriteOutcome Outcome)> SaveArticleAsync(GuidanceArticle? existing, ArticleFields input, int? expectedVersion, CancellationToken ct)
    {
        var outcome = new WriteOutcome();
        var title = input.Title?.Trim();
        var slug = string.IsNullOrWhiteSpace(input.Slug) ? existing?.Slug ?? Slugify(title) : input.Slug.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(title))
        {
            outcome.Add("Title", "Enter a title");
        }
        else if (title.Length > 200)
        {
            outcome.Add("Title", "Keep the title to 200 characters or fewer");
        }

        if (string.IsNullOrEmpty(slug) || !SlugPattern().IsMatch(slug) || slug.Length > 100)
        {
            outcome.Add("Slug", "Use lower-case letters, numbers and hyphens for the web address, like working-with-schools");
        }
        else if (slug is "new" or "checklists" || await db.Set<GuidanceArticle>().AnyAsync(a => a.Slug == slug && (existing == null || a.Id != existing.Id), ct))
        {
            outcome.Add("Slug", "Another article already uses this web address. Choose a different one");
        }

        if (!TryParseStage(input.Stage, out var stage))
        {
            outcome.Add("Stage", $"Choose a stage ({LessonVocabulary.StageChoicesText}) or Spotlight");
        }

        if (string.IsNullOrWhiteSpace(input.Body))
        {
            outcome.Add("Body", "Write the article");
        }
        else if (input.Body.Length > 40000)
        {
            outcome.Add("Body", "Keep the article to 40,000 characters or fewer");
        }

        if ((input.Summary?.Length ?? 0) > 1000)
        {
            outcome.Add("Summary", "Keep the summary to 1,000 characters or fewer");
        }

        if (!outcome.Succeeded)
        {
            return (null, outcome);
        }

        var article = existing ?? new GuidanceArticle { Slug = slug!, Title = title! };
        if (existing is not null && expectedVersion is { } version)
        {
            db.ExpectVersion(existing, version);
        }

        if (existing is not null && existing.Slug != slug)
        {
            // Checklists drawn from the article follow it to its new address (same SaveChanges).
            foreach (var template in await db.Set<ChecklistTemplate>().Where(t => t.GuidanceSlug == existing.Slug).ToListAsync(ct))
            {
                template.GuidanceSlug = slug;
            }
        }

        article.Slug = slug!;
        article.Title = title!;
        article.Summary = input.Summary?.Trim() ?? "";
        article.Stage = stage;
        article.Body = input.Body!.Replace("\r\n", "\n", StringComparison.Ordinal);
        article.RelatedCategories = string.Join(",", GuidanceArticle.SplitList(input.RelatedCategories));
        article.RelatedTags = string.Join(",", GuidanceArticle.SplitList(input.RelatedTags));
        article.SortOrder = input.SortOrder ?? article.SortOrder;
        article.UpdatedAt = clock.GetUtcNow();
        article.UpdatedById = user.IdOrNull;
        if (existing is null)
        {
            db.Add(article);
        }

        auditor.Record(existing is null ? "guidance.created" : "guidance.changed", nameof(GuidanceArticle), article.Id, details: article.Title);
        await db.SaveChangesAsync(ct);
        return (article, outcome);
    }

    public async Task<(ChecklistTemplate? Template, WriteOutcome Outcome)> SaveTemplateAsync(ChecklistTemplate? existing, TemplateFields input, int? expectedVersion, CancellationToken ct)
    {
        var outcome = new WriteOutcome();
        var title = input.Title?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            outcome.Add("Title", "Enter a title");
        }
        else if (title.Length > 200)
        {
            outcome.Add("Title", "Keep the title to 200 characters or fewer");
        }

        if (!TryParseStage(input.Stage, out var stage))
        {
            outcome.Add("Stage", $"Choose a stage ({LessonVocabulary.StageChoicesText}) or Spotlight");
        }

        var items = ChecklistTemplate.SplitLines(input.Items);
        if (items.Count == 0)
        {
            outcome.Add("Items", "Enter at least one item, one a line");
        }
        else if (items.Any(i => i.Length > 500) || items.Count > 100)
        {
            outcome.Add("Items", "Keep each item to 500 characters, and the checklist to 100 items");
        }

        var slug = string.IsNullOrWhiteSpace(input.GuidanceSlug) ? null : input.GuidanceSlug.Trim();
        if (slug is not null && !await db.Set<GuidanceArticle>().AnyAsync(a => a.Slug == slug, ct))
        {
            outcome.Add("GuidanceSlug", "Choose an article from the list");
        }

        if (!outcome.Succeeded)
        {
            return (null, outcome);
        }

        var template = existing ?? new ChecklistTemplate { Title = title! };
        if (existing is not null && expectedVersion is { } version)
        {
            db.ExpectVersion(existing, version);
        }

        template.Title = title!;
        template.Description = input.Description?.Trim() ?? "";
        template.Stage = stage;
        template.GuidanceSlug = slug;
        template.Items = string.Join("\n", items);
        template.UpdatedAt = clock.GetUtcNow();
        if (existing is null)
        {
            db.Add(template);
        }

        auditor.Record(existing is null ? "checklist-template.created" : "checklist-template.changed", nameof(ChecklistTemplate), template.Id, details: template.Title);
        await db.SaveChangesAsync(ct);
        return (template, outcome);
    }

    /// <summary>Adopts a template for a partnership: copies its items, so later template edits do not move anyone's ticks.</summary>
    public async Task<(PartnershipChecklist? Checklist, WriteOutcome Outcome)> AdoptAsync(Guid partnershipId, Guid? templateId, CancellationToken ct)
    {
        var outcome = new WriteOutcome();
        var template = templateId is null ? null : await db.Set<ChecklistTemplate>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == templateId, ct);
        if (template is null)
        {
            return (null, outcome.Add("TemplateId", "Choose a checklist"));
        }

        if (await db.Set<PartnershipChecklist>().AnyAsync(c => c.PartnershipId == partnershipId && c.TemplateId == template.Id, ct))
        {
            return (null, outcome.Add("TemplateId", "The partnership already has this checklist"));
        }

        var checklist = new PartnershipChecklist
        {
            PartnershipId = partnershipId,
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
        auditor.Record("checklist.adopted", nameof(PartnershipChecklist), checklist.Id, partnershipId: partnershipId, details: checklist.Title);
        await db.SaveChangesAsync(ct);
        return (checklist, outcome);
    }

    /// <summary>Ticks (with who, when and an optional note) or unticks one item of a partnership's checklist.</summary>
    public async Task<(ChecklistItem? Item, WriteOutcome Outcome)> TickAsync(Guid partnershipId, Guid checklistId, Guid itemId, bool ticked, string? note, CancellationToken ct)
    {
        var outcome = new WriteOutcome();
        var item = await db.Set<ChecklistItem>()
            .Where(i => i.Id == itemId && i.ChecklistId == checklistId && db.Set<PartnershipChecklist>().Any(c => c.Id == checklistId && c.PartnershipId == partnershipId))
            .FirstOrDefaultAsync(ct);
        if (item is null)
        {
            return (null, outcome.Add("ItemId", "Choose an item of this checklist"));
        }

        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note is { Length: > 1000 })
        {
            return (null, outcome.Add("Note", "Keep the note to 1,000 characters or fewer"));
        }

        if (ticked)
        {
            item.TickedAt = clock.GetUtcNow();
            item.TickedById = user.Id;
            item.Note = note;
        }
        else
        {
            item.TickedAt = null;
            item.TickedById = null;
            item.Note = null;
        }

        auditor.Record(ticked ? "checklist.item-ticked" : "checklist.item-unticked", nameof(ChecklistItem), item.Id, partnershipId: partnershipId, details: item.Text);
        await db.SaveChangesAsync(ct);
        return (item, outcome);
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
    public static Task<List<ChecklistProgress>> ProgressAsync(ConcordDb db, Guid partnershipId, CancellationToken ct) =>
        db.Set<PartnershipChecklist>()
            .Where(c => c.PartnershipId == partnershipId)
            .OrderBy(c => c.AdoptedAt).ThenBy(c => c.Id)
            .Select(c => new ChecklistProgress(c.Id, c.Title, c.Stage, c.ItemsList.Count(i => i.TickedAt != null), c.ItemsList.Count))
            .ToListAsync(ct);
}
