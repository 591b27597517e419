using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Http;
using Concord.Web.Infrastructure.Text;
using Concord.Web.Infrastructure.Writes;
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
        guidance.MapGet("/", ListArticlesAsync).WithName("ListGuidance").Produces<List<ArticleSummaryDto>>()
            .WithSummary("Guidance articles by lifecycle stage, then spotlights.");
        guidance.MapPost("/", CreateArticleAsync).WithName("CreateGuidance").ProducesWrite<ArticleDto>(StatusCodes.Status201Created)
            .WithSummary("Adds an article (learning team).");
        guidance.MapGet("/{slug}", GetArticleAsync).WithName("GetGuidance").Produces<ArticleDto>()
            .WithSummary("One article, its Markdown and sanitised HTML, and related lessons you may see.");
        guidance.MapPut("/{slug}", UpdateArticleAsync).WithName("UpdateGuidance").ProducesWrite<ArticleDto>(stale: true)
            .WithSummary("Changes an article (learning team). Send the `version` you read; a stale version gets 409 (with the saved article as `current`) and nothing is saved.");

        var templates = api.MapGroup("/checklist-templates").WithTags("Checklists").RequireAuthorization(AuthSetup.ApiPolicy);
        templates.MapGet("/", ListTemplatesAsync).WithName("ListChecklistTemplates").Produces<List<TemplateDto>>()
            .WithSummary("Checklists drawn from the guidance that a partnership can adopt.");
        templates.MapPost("/", CreateTemplateAsync).WithName("CreateChecklistTemplate").ProducesWrite<TemplateDto>(StatusCodes.Status201Created)
            .WithSummary("Adds a checklist template (learning team). Items: one a line.");
        templates.MapPut("/{templateId:guid}", UpdateTemplateAsync).WithName("UpdateChecklistTemplate").ProducesWrite<TemplateDto>(stale: true)
            .WithSummary("Changes a checklist template (learning team). Send the `version` you read; a stale version gets 409 (with the saved template as `current`).");

        var partnership = api.MapGroup("/partnerships/{id:guid}/checklists").WithTags("Checklists")
            .RequireAuthorization(AuthSetup.ApiPolicy).RequirePartnership();
        partnership.MapGet("/", ListChecklistsAsync).WithName("ListPartnershipChecklists").Produces<List<ChecklistDto>>()
            .WithSummary("The partnership's checklists with their items and progress.");
        partnership.MapPost("/", AdoptAsync).WithName("AdoptChecklist").RequirePartnership(PartnershipOperation.Manage)
            .ProducesWrite<ChecklistDto>(StatusCodes.Status201Created)
            .WithSummary("Adopts a checklist template (coordinators). A template the partnership already has is a 400 field error.");
        partnership.MapGet("/{checklistId:guid}", GetChecklistAsync).WithName("GetPartnershipChecklist").Produces<ChecklistDto>()
            .WithSummary("One checklist with who ticked each item, when, and their note.");
        partnership.MapPost("/{checklistId:guid}/ticks", TickAsync).WithName("TickChecklistItem").RequirePartnership(PartnershipOperation.Contribute)
            .ProducesWrite<ChecklistDto>()
            .WithSummary("Ticks (done: true, with an optional note) or unticks an item (members who contribute; not observers).");

        return api;
    }

    // ---- Guidance ----

    private static async Task<IResult> ListArticlesAsync(ConcordDb db, CancellationToken ct)
    {
        var rows = await db.Set<GuidanceArticle>().AsNoTracking().ToListAsync(ct);
        return TypedResults.Ok(rows.OrderBy(a => a.Stage is null ? 99 : (int)a.Stage).ThenBy(a => a.SortOrder).ThenBy(a => a.Title, StringComparer.Ordinal)
            .Select(a => new ArticleSummaryDto(a.Id, a.Slug, a.Title, a.Summary, a.Stage?.ToString(), a.IsSpotlight)).ToList());
    }

    private static async Task<IResult> GetArticleAsync(string slug, ConcordDb db, MarkdownRenderer markdown, RelatedLessons related, CancellationToken ct) =>
        await db.Set<GuidanceArticle>().AsNoTracking().FirstOrDefaultAsync(a => a.Slug == slug, ct) is { } article
            ? TypedResults.Ok(ToDto(article, markdown, await related.ForAsync(article, 20, ct)))
            : ApiProblems.NotFound();

    private static async Task<IResult> CreateArticleAsync(ArticleInput input, GuidanceCommands commands, MarkdownRenderer markdown, CancellationToken ct) =>
        (await commands.CreateArticleAsync(Fields(input), ct))
            .ToApi(a => TypedResults.Created($"/api/v1/guidance/{a.Slug}", ToDto(a, markdown, [])));

    private static async Task<IResult> UpdateArticleAsync(string slug, ArticleInput input, GuidanceCommands commands, MarkdownRenderer markdown, CancellationToken ct) =>
        (await commands.UpdateArticleAsync(slug, Fields(input), input.Version, ct))
            .ToApi(a => TypedResults.Ok(ToDto(a, markdown, [])), a => ToDto(a, markdown, []));

    private static ArticleFields Fields(ArticleInput i) => new(i.Title, i.Slug, i.Summary, i.Stage, i.Body, i.RelatedCategories, i.RelatedTags, i.SortOrder);

    private static ArticleDto ToDto(GuidanceArticle a, MarkdownRenderer markdown, IReadOnlyList<RelatedLesson> related) =>
        new(a.Id, a.Slug, a.Title, a.Summary, a.Stage?.ToString(), a.IsSpotlight, a.Body, markdown.ToHtml(a.Body),
            GuidanceArticle.SplitList(a.RelatedCategories), GuidanceArticle.SplitList(a.RelatedTags), a.SortOrder, a.UpdatedAt, a.Version, related);

    // ---- Checklist templates ----

    private static async Task<IResult> ListTemplatesAsync(ConcordDb db, CancellationToken ct) =>
        TypedResults.Ok((await db.Set<ChecklistTemplate>().AsNoTracking().OrderBy(t => t.Title).ToListAsync(ct)).Select(ToDto).ToList());

    private static async Task<IResult> CreateTemplateAsync(TemplateInput input, GuidanceCommands commands, CancellationToken ct) =>
        (await commands.CreateTemplateAsync(Fields(input), ct))
            .ToApi(t => TypedResults.Created($"/api/v1/checklist-templates/{t.Id}", ToDto(t)));

    private static async Task<IResult> UpdateTemplateAsync(Guid templateId, TemplateInput input, GuidanceCommands commands, CancellationToken ct) =>
        (await commands.UpdateTemplateAsync(templateId, Fields(input), input.Version, ct)).ToApi(t => TypedResults.Ok(ToDto(t)), t => ToDto(t));

    private static TemplateFields Fields(TemplateInput i) => new(i.Title, i.Description, i.Stage, i.GuidanceSlug, i.Items);

    private static TemplateDto ToDto(ChecklistTemplate t) => new(t.Id, t.Title, t.Description, t.Stage?.ToString(), t.GuidanceSlug, t.ItemList, t.Version);

    // ---- A partnership's checklists ----

    private static async Task<IResult> ListChecklistsAsync(PartnershipScope scope, ConcordDb db, CancellationToken ct) =>
        TypedResults.Ok(await ChecklistsAsync(db, scope, null, ct));

    private static async Task<IResult> GetChecklistAsync(Guid checklistId, PartnershipScope scope, ConcordDb db, CancellationToken ct) =>
        (await ChecklistsAsync(db, scope, checklistId, ct)).FirstOrDefault() is { } checklist ? TypedResults.Ok(checklist) : ApiProblems.NotFound();

    private static async Task<IResult> AdoptAsync(AdoptInput input, PartnershipScope scope, ConcordDb db, GuidanceCommands commands, CancellationToken ct)
    {
        var result = await commands.AdoptAsync(scope, input.TemplateId, ct);
        return result.Saved
            ? TypedResults.Created($"/api/v1/partnerships/{scope.Id}/checklists/{result.Value!.Id}", (await ChecklistsAsync(db, scope, result.Value.Id, ct)).First())
            : result.Failure!.ToApi();
    }

    private static async Task<IResult> TickAsync(Guid checklistId, TickInput input, PartnershipScope scope, ConcordDb db, GuidanceCommands commands, CancellationToken ct)
    {
        var result = await commands.TickAsync(scope, checklistId, input.ItemId, input.Done ?? true, input.Note, ct);
        return result.Saved ? TypedResults.Ok((await ChecklistsAsync(db, scope, checklistId, ct)).First()) : result.Failure!.ToApi();
    }

    private static async Task<List<ChecklistDto>> ChecklistsAsync(ConcordDb db, PartnershipScope scope, Guid? checklistId, CancellationToken ct)
    {
        var rows = await db.Set<PartnershipChecklist>().AsNoTracking()
            .Where(c => c.PartnershipId == scope.Id && (checklistId == null || c.Id == checklistId))
            .Include(c => c.ItemsList).ThenInclude(i => i.TickedBy)
            .OrderBy(c => c.AdoptedAt).ThenBy(c => c.Id)
            .ToListAsync(ct);
        return rows.Select(c => new ChecklistDto(c.Id, c.Title, c.Stage?.ToString(), c.GuidanceSlug,
            c.ItemsList.Count(i => i.TickedAt != null), c.ItemsList.Count,
            [.. c.ItemsList.OrderBy(i => i.SortOrder).Select(i => new ChecklistItemDto(i.Id, i.Text, i.TickedAt != null, i.TickedAt, i.TickedById, i.TickedBy?.DisplayName, i.Note))])).ToList();
    }
}
