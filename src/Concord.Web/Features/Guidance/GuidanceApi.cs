using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Http;
using Concord.Web.Infrastructure.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Guidance;

/// <summary>
/// Guidance (everyone signed in reads; the learning team writes), checklists (a partnership's members read
/// and tick; coordinators adopt). Stories are in Features/Stories, learning reports in Features/Reports.
/// Outside a partnership: 404; lacking the role: 403; stale: 409.
/// </summary>
public static class GuidanceApi
{
    public sealed record ArticleSummaryDto(Guid Id, string Slug, string Title, string Summary, string? Stage, bool Spotlight);

    public sealed record ArticleDto(Guid Id, string Slug, string Title, string Summary, string? Stage, bool Spotlight, string Body, string BodyHtml,
        IReadOnlyList<string> RelatedCategories, IReadOnlyList<string> RelatedTags, int SortOrder, DateTimeOffset UpdatedAt, int Version,
        IReadOnlyList<RelatedLesson> RelatedLessons);

    public sealed record ArticleInput(string? Title, string? Slug, string? Summary, string? Stage, string? Body,
        string? RelatedCategories, string? RelatedTags, int? SortOrder, int? Version);

    public sealed record TemplateDto(Guid Id, string Title, string Description, string? Stage, string? GuidanceSlug, IReadOnlyList<string> Items, int Version);

    public sealed record TemplateInput(string? Title, string? Description, string? Stage, string? GuidanceSlug, string? Items, int? Version);

    public sealed record ChecklistItemDto(Guid Id, string Text, bool Done, DateTimeOffset? TickedAt, Guid? TickedById, string? TickedByName, string? Note);

    public sealed record ChecklistDto(Guid Id, string Title, string? Stage, string? GuidanceSlug, int Done, int Total, IReadOnlyList<ChecklistItemDto> Items);

    public sealed record AdoptInput(Guid? TemplateId);

    public sealed record TickInput(Guid? ItemId, bool? Done, string? Note);

    public static RouteGroupBuilder MapGuidanceApi(this RouteGroupBuilder api)
    {
        var guidance = api.MapGroup("/guidance").WithTags("Guidance").RequireAuthorization(AuthSetup.ApiPolicy);
        guidance.MapGet("/", ListArticlesAsync).WithName("ListGuidance").WithSummary("Guidance articles by lifecycle stage, then spotlights.");
        guidance.MapPost("/", CreateArticleAsync).WithName("CreateGuidance").WithSummary("Adds an article (learning team).");
        guidance.MapGet("/{slug}", GetArticleAsync).WithName("GetGuidance").WithSummary("One article, its Markdown and sanitised HTML, and related lessons you may see.");
        guidance.MapPut("/{slug}", UpdateArticleAsync).WithName("UpdateGuidance").WithSummary("Changes an article (learning team). Send the `version` you read; a stale version gets 409.");

        var templates = api.MapGroup("/checklist-templates").WithTags("Checklists").RequireAuthorization(AuthSetup.ApiPolicy);
        templates.MapGet("/", ListTemplatesAsync).WithName("ListChecklistTemplates").WithSummary("Checklists drawn from the guidance that a partnership can adopt.");
        templates.MapPost("/", CreateTemplateAsync).WithName("CreateChecklistTemplate").WithSummary("Adds a checklist template (learning team). Items: one a line.");
        templates.MapPut("/{templateId:guid}", UpdateTemplateAsync).WithName("UpdateChecklistTemplate").WithSummary("Changes a checklist template (learning team); a stale version gets 409.");

        var partnership = api.MapGroup("/partnerships/{id:guid}").WithTags("Checklists").RequireAuthorization(AuthSetup.ApiPolicy);
        partnership.MapGet("/checklists", ListChecklistsAsync).WithName("ListPartnershipChecklists").WithSummary("The partnership's checklists with their items and progress.");
        partnership.MapPost("/checklists", AdoptAsync).WithName("AdoptChecklist").WithSummary("Adopts a checklist template (coordinators).");
        partnership.MapGet("/checklists/{checklistId:guid}", GetChecklistAsync).WithName("GetPartnershipChecklist").WithSummary("One checklist with who ticked each item, when, and their note.");
        partnership.MapPost("/checklists/{checklistId:guid}/ticks", TickAsync).WithName("TickChecklistItem").WithSummary("Ticks (done: true, with an optional note) or unticks an item (members who contribute; not observers).");

        return api;
    }

    // ---- Guidance ----

    private static async Task<Ok<List<ArticleSummaryDto>>> ListArticlesAsync(ConcordDb db, CancellationToken ct)
    {
        var rows = await db.Set<GuidanceArticle>().AsNoTracking().ToListAsync(ct);
        return TypedResults.Ok(rows.OrderBy(a => a.Stage is null ? 99 : (int)a.Stage).ThenBy(a => a.SortOrder).ThenBy(a => a.Title, StringComparer.Ordinal)
            .Select(a => new ArticleSummaryDto(a.Id, a.Slug, a.Title, a.Summary, a.Stage?.ToString(), a.IsSpotlight)).ToList());
    }

    private static async Task<Results<Ok<ArticleDto>, ProblemHttpResult>> GetArticleAsync(string slug, ConcordDb db, MarkdownRenderer markdown, RelatedLessons related, CancellationToken ct)
    {
        if (await db.Set<GuidanceArticle>().AsNoTracking().FirstOrDefaultAsync(a => a.Slug == slug, ct) is not { } article)
        {
            return ApiProblems.NotFound();
        }

        return TypedResults.Ok(ToDto(article, markdown, await related.ForAsync(article, 20, ct)));
    }

    private static async Task<Results<Created<ArticleDto>, ValidationProblem, ProblemHttpResult>> CreateArticleAsync(
        ArticleInput input, CurrentUser user, GuidanceCommands commands, MarkdownRenderer markdown, CancellationToken ct)
    {
        if (!user.IsLearningTeam)
        {
            return ApiProblems.Forbidden("Only the learning team writes guidance.");
        }

        var (article, outcome) = await commands.SaveArticleAsync(null, Fields(input), null, ct);
        return article is null
            ? TypedResults.ValidationProblem(outcome.ToProblemErrors())
            : TypedResults.Created($"/api/v1/guidance/{article.Slug}", ToDto(article, markdown, []));
    }

    private static async Task<Results<Ok<ArticleDto>, ValidationProblem, ProblemHttpResult>> UpdateArticleAsync(
        string slug, ArticleInput input, ConcordDb db, CurrentUser user, GuidanceCommands commands, MarkdownRenderer markdown, CancellationToken ct)
    {
        if (await db.Set<GuidanceArticle>().FirstOrDefaultAsync(a => a.Slug == slug, ct) is not { } article)
        {
            return ApiProblems.NotFound();
        }

        if (!user.IsLearningTeam)
        {
            return ApiProblems.Forbidden("Only the learning team changes guidance.");
        }

        if (input.Version is null)
        {
            return VersionRequired();
        }

        var (saved, outcome) = await commands.SaveArticleAsync(article, Fields(input), input.Version, ct);
        return saved is null ? TypedResults.ValidationProblem(outcome.ToProblemErrors()) : TypedResults.Ok(ToDto(saved, markdown, []));
    }

    private static ArticleFields Fields(ArticleInput i) => new(i.Title, i.Slug, i.Summary, i.Stage, i.Body, i.RelatedCategories, i.RelatedTags, i.SortOrder);

    private static ArticleDto ToDto(GuidanceArticle a, MarkdownRenderer markdown, IReadOnlyList<RelatedLesson> related) =>
        new(a.Id, a.Slug, a.Title, a.Summary, a.Stage?.ToString(), a.IsSpotlight, a.Body, markdown.ToHtml(a.Body),
            GuidanceArticle.SplitList(a.RelatedCategories), GuidanceArticle.SplitList(a.RelatedTags), a.SortOrder, a.UpdatedAt, a.Version, related);

    // ---- Checklist templates ----

    private static async Task<Ok<List<TemplateDto>>> ListTemplatesAsync(ConcordDb db, CancellationToken ct) =>
        TypedResults.Ok((await db.Set<ChecklistTemplate>().AsNoTracking().OrderBy(t => t.Title).ToListAsync(ct)).Select(ToDto).ToList());

    private static async Task<Results<Created<TemplateDto>, ValidationProblem, ProblemHttpResult>> CreateTemplateAsync(
        TemplateInput input, CurrentUser user, GuidanceCommands commands, CancellationToken ct)
    {
        if (!user.IsLearningTeam)
        {
            return ApiProblems.Forbidden("Only the learning team writes checklists.");
        }

        var (template, outcome) = await commands.SaveTemplateAsync(null, new(input.Title, input.Description, input.Stage, input.GuidanceSlug, input.Items), null, ct);
        return template is null
            ? TypedResults.ValidationProblem(outcome.ToProblemErrors())
            : TypedResults.Created($"/api/v1/checklist-templates/{template.Id}", ToDto(template));
    }

    private static async Task<Results<Ok<TemplateDto>, ValidationProblem, ProblemHttpResult>> UpdateTemplateAsync(
        Guid templateId, TemplateInput input, ConcordDb db, CurrentUser user, GuidanceCommands commands, CancellationToken ct)
    {
        if (await db.Set<ChecklistTemplate>().FirstOrDefaultAsync(t => t.Id == templateId, ct) is not { } template)
        {
            return ApiProblems.NotFound();
        }

        if (!user.IsLearningTeam)
        {
            return ApiProblems.Forbidden("Only the learning team changes checklists.");
        }

        if (input.Version is null)
        {
            return VersionRequired();
        }

        var (saved, outcome) = await commands.SaveTemplateAsync(template, new(input.Title, input.Description, input.Stage, input.GuidanceSlug, input.Items), input.Version, ct);
        return saved is null ? TypedResults.ValidationProblem(outcome.ToProblemErrors()) : TypedResults.Ok(ToDto(saved));
    }

    private static TemplateDto ToDto(ChecklistTemplate t) => new(t.Id, t.Title, t.Description, t.Stage?.ToString(), t.GuidanceSlug, t.ItemList, t.Version);

    // ---- A partnership's checklists ----

    private static async Task<Results<Ok<List<ChecklistDto>>, ProblemHttpResult>> ListChecklistsAsync(Guid id, ConcordDb db, PartnershipAccess access, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is null)
        {
            return ApiProblems.NotFound();
        }

        return TypedResults.Ok(await ChecklistsAsync(db, id, null, ct));
    }

    private static async Task<Results<Ok<ChecklistDto>, ProblemHttpResult>> GetChecklistAsync(Guid id, Guid checklistId, ConcordDb db, PartnershipAccess access, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is null || (await ChecklistsAsync(db, id, checklistId, ct)).FirstOrDefault() is not { } checklist)
        {
            return ApiProblems.NotFound();
        }

        return TypedResults.Ok(checklist);
    }

    private static async Task<Results<Created<ChecklistDto>, ValidationProblem, ProblemHttpResult>> AdoptAsync(
        Guid id, AdoptInput input, ConcordDb db, PartnershipAccess access, GuidanceCommands commands, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return ApiProblems.NotFound();
        }

        if (!found.CanManage)
        {
            return ApiProblems.Forbidden("Only the partnership's coordinators adopt checklists.");
        }

        var (checklist, outcome) = await commands.AdoptAsync(id, input.TemplateId, ct);
        if (checklist is null)
        {
            return TypedResults.ValidationProblem(outcome.ToProblemErrors());
        }

        return TypedResults.Created($"/api/v1/partnerships/{id}/checklists/{checklist.Id}", (await ChecklistsAsync(db, id, checklist.Id, ct)).First());
    }

    private static async Task<Results<Ok<ChecklistDto>, ValidationProblem, ProblemHttpResult>> TickAsync(
        Guid id, Guid checklistId, TickInput input, ConcordDb db, PartnershipAccess access, GuidanceCommands commands, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found ||
            !await db.Set<PartnershipChecklist>().AnyAsync(c => c.Id == checklistId && c.PartnershipId == id, ct))
        {
            return ApiProblems.NotFound();
        }

        if (!found.CanContribute)
        {
            return ApiProblems.Forbidden("Observers read the partnership's checklists but do not tick them.");
        }

        if (input.ItemId is not { } itemId)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["itemId"] = ["Send the id of the item to tick."] });
        }

        var (item, outcome) = await commands.TickAsync(id, checklistId, itemId, input.Done ?? true, input.Note, ct);
        if (item is null)
        {
            return TypedResults.ValidationProblem(outcome.ToProblemErrors());
        }

        return TypedResults.Ok((await ChecklistsAsync(db, id, checklistId, ct)).First());
    }

    private static async Task<List<ChecklistDto>> ChecklistsAsync(ConcordDb db, Guid partnershipId, Guid? checklistId, CancellationToken ct)
    {
        var rows = await db.Set<PartnershipChecklist>().AsNoTracking()
            .Where(c => c.PartnershipId == partnershipId && (checklistId == null || c.Id == checklistId))
            .Include(c => c.ItemsList).ThenInclude(i => i.TickedBy)
            .OrderBy(c => c.AdoptedAt).ThenBy(c => c.Id)
            .ToListAsync(ct);
        return rows.Select(c => new ChecklistDto(c.Id, c.Title, c.Stage?.ToString(), c.GuidanceSlug,
            c.ItemsList.Count(i => i.TickedAt != null), c.ItemsList.Count,
            [.. c.ItemsList.OrderBy(i => i.SortOrder).Select(i => new ChecklistItemDto(i.Id, i.Text, i.TickedAt != null, i.TickedAt, i.TickedById, i.TickedBy?.DisplayName, i.Note))])).ToList();
    }

    private static ValidationProblem VersionRequired() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["version"] = ["Send the version you read, so a stale edit is not saved over someone else's."] });
}
