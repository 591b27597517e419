using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Lessons;

/// <summary>
/// The lessons library. A lesson you may not see is a 404 exactly like one that does not exist; public lessons
/// are shown anonymised outside their partnership and only after the learning team approved them.
/// </summary>
public static class LessonsApi
{
    public sealed record LessonDto(Guid Id, string Title, string? Context, string? WhatHappened, string Kind, string? Recommendation,
        Guid? CategoryId, string? Category, IReadOnlyList<string> Tags, string? Stage, string? Evidence, Guid? PartnershipId,
        string? PartnershipType, DateOnly? OccurredOn, string Visibility, string Moderation, bool Anonymised,
        DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version);

    public sealed record LessonInput(string? Title, string? Context, string? WhatHappened, string? Kind, string? Recommendation,
        Guid? CategoryId, IReadOnlyList<string>? Tags, string? Stage, string? Evidence, Guid? PartnershipId, string? PartnershipType,
        DateOnly? OccurredOn, string? Visibility, bool? Publish, int? Version);

    public sealed record LessonSearchItem(Guid Id, string Title, string TitleHtml, string SnippetHtml, string Kind, string? Category,
        string? Stage, IReadOnlyList<string> Tags, string Visibility, string? PartnershipType, double Rank, DateTimeOffset CreatedAt);

    public sealed record CategoryDto(Guid Id, string Slug, string Name, string Description, bool Retired);

    public sealed record ModerationInput(string? Decision, string? Visibility, Guid? CategoryId);

    public sealed record SuggestionDto(Guid CategoryId, string Category, double Score, string Reason);

    public static RouteGroupBuilder MapLessonsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/lessons").WithTags("Lessons").RequireAuthorization(AuthSetup.ApiPolicy);
        group.MapGet("/", SearchAsync).WithName("SearchLessons")
            .WithSummary("The lessons library: full-text search (`q`, e.g. `volunteers -schools` or `\"steering group\"`), ranked, with highlighted matches, filtered by category, kind, stage, tag and type of partnership. `total` counts up to 1,001: more than 1,000 means \"more than 1,000\". A search matching more than 2,000 lessons ranks the newest 2,000.");
        group.MapGet("/categories", CategoriesAsync).WithName("ListLessonCategories").WithSummary("The network's lesson categories.");
        group.MapGet("/export", Export).WithName("ExportLessons").ProducesFile("text/csv").ProducesFile("application/json").ProducesValidationProblem()
            .WithSummary("Every lesson you can see in the library, as CSV (`format=csv`) or JSON (`format=json`).");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetLesson").WithSummary("One lesson you can see.");
        group.MapPost("/", CreateAsync).WithName("CreateLesson")
            .WithSummary("Writes a lesson, as a draft or published (`publish: true`). A public lesson waits for the learning team's review.");
        group.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateLesson")
            .WithSummary("Changes a lesson (its author or the partnership's coordinators). Send the `version` you read; a stale one gets 409.");
        group.MapPost("/{id:guid}/publish", PublishAsync).WithName("PublishLesson").WithSummary("Publishes a draft (public lessons go to review).");
        group.MapPost("/{id:guid}/moderation", ModerateAsync).WithName("ModerateLesson")
            .WithSummary("The learning team approves (`decision: approve`, with visibility and category) or rejects a lesson waiting for review.");
        group.MapGet("/{id:guid}/category-suggestions", SuggestionsAsync).WithName("SuggestLessonCategories")
            .WithSummary("The most likely categories for a lesson, with the reason.");
        return api;
    }

    private static async Task<Results<Ok<PagedList<LessonSearchItem>>, ValidationProblem>> SearchAsync(
        LessonSearch search, ConcordDb db, string? q, string? category, string? kind, string? stage, string? tag, string? partnershipType,
        int? page, int? pageSize, CancellationToken ct)
    {
        var errors = StrictPaging.Check(page, pageSize, out var p, out var size) ?? [];
        var (query, filterErrors) = await ParseFiltersAsync(db, q, category, kind, stage, tag, partnershipType, ct);
        foreach (var (k, v) in filterErrors)
        {
            errors[k] = v;
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var results = await search.SearchAsync(query with { Page = p, PageSize = size }, ct);
        return TypedResults.Ok(new PagedList<LessonSearchItem>([.. results.Items.Select(h => new LessonSearchItem(h.Lesson.Id, h.Lesson.LibraryTitle, h.TitleHtml, h.SnippetHtml,
            h.Lesson.Kind.ToString(), h.Lesson.Category?.Name, h.Lesson.Stage?.ToString(), [.. h.Lesson.Tags.Select(t => t.Tag).Order()],
            h.Lesson.Visibility.ToString(), h.Lesson.PartnershipType, h.Rank, h.Lesson.CreatedAt))], p, size, results.Total));
    }

    /// <summary>Reads library filters from words or enum names; unknown values are field errors.</summary>
    public static async Task<(LessonQuery Query, Dictionary<string, string[]> Errors)> ParseFiltersAsync(ConcordDb db,
        string? q, string? category, string? kind, string? stage, string? tag, string? partnershipType, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Guid? categoryId = null;
        if (!string.IsNullOrWhiteSpace(category))
        {
            categoryId = Guid.TryParse(category, out var id)
                ? await db.Set<LessonCategoryEntry>().Where(c => c.Id == id).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct)
                : await db.Set<LessonCategoryEntry>().Where(c => c.Slug == category.Trim().ToLower()).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
            if (categoryId is null)
            {
                errors["category"] = ["Unknown category. Use a category's id or slug from /api/v1/lessons/categories."];
            }
        }

        LessonKind? k = null;
        if (!string.IsNullOrWhiteSpace(kind))
        {
            if (LessonVocabulary.TryParseKind(kind, out var parsed))
            {
                k = parsed;
            }
            else
            {
                errors["kind"] = [$"Unknown kind. Use {LessonVocabulary.KindChoicesText}."];
            }
        }

        PartnershipStage? s = null;
        if (!string.IsNullOrWhiteSpace(stage))
        {
            if (LessonVocabulary.TryParseStage(stage, out var parsed))
            {
                s = parsed;
            }
            else
            {
                errors["stage"] = [$"Unknown stage. Use {LessonVocabulary.StageChoicesText}."];
            }
        }

        if (q?.Length > 200)
        {
            errors["q"] = ["Search for 200 characters or fewer."];
        }

        return (new LessonQuery(q, categoryId, k, s, tag, partnershipType), errors);
    }

    private static async Task<Results<Ok<LessonDto>, ProblemHttpResult>> GetAsync(Guid id, LessonAccess access, CancellationToken ct)
    {
        var found = await access.FindAsync(id, ct, tracking: false);
        return found is null ? ApiProblems.NotFound() : TypedResults.Ok(ToDto(found));
    }

    private static async Task<Results<Created<LessonDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        LessonInput input, CurrentUser user, LessonCommands commands, LessonAccess access, CancellationToken ct)
    {
        if (user.IsReadOnly)
        {
            return ApiProblems.Forbidden("Your token is read-only.");
        }

        var (fields, errors) = Fields(input);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var (lesson, outcome) = await commands.CreateAsync(fields, input.Publish == true, ct);
        if (lesson is null)
        {
            return TypedResults.ValidationProblem(ToProblemErrors(outcome.Errors));
        }

        var found = await access.FindAsync(lesson.Id, ct, tracking: false);
        return TypedResults.Created($"/api/v1/lessons/{lesson.Id}", ToDto(found!));
    }

    private static async Task<Results<Ok<LessonDto>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, LessonInput input, CurrentUser user, LessonCommands commands, LessonAccess access, CancellationToken ct)
    {
        var found = await access.FindAsync(id, ct);
        if (found is null)
        {
            return ApiProblems.NotFound();
        }

        if (!found.CanEdit)
        {
            return ApiProblems.Forbidden(user.IsReadOnly ? "Your token is read-only." : "Only the lesson's author or the partnership's coordinators change it.");
        }

        var (fields, errors) = Fields(input);
        if (input.Version is null)
        {
            errors["version"] = ["Send the version of the lesson you read, so a stale edit is not saved over someone else's."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var outcome = await commands.UpdateAsync(found.Lesson, fields, input.Version!.Value, input.Publish == true, ct);
        if (!outcome.Succeeded)
        {
            return TypedResults.ValidationProblem(ToProblemErrors(outcome.Errors));
        }

        return TypedResults.Ok(ToDto(found));
    }

    private static async Task<Results<Ok<LessonDto>, ProblemHttpResult>> PublishAsync(Guid id, CurrentUser user, LessonCommands commands, LessonAccess access, CancellationToken ct)
    {
        var found = await access.FindAsync(id, ct);
        if (found is null)
        {
            return ApiProblems.NotFound();
        }

        if (!found.CanEdit)
        {
            return ApiProblems.Forbidden(user.IsReadOnly ? "Your token is read-only." : "Only the lesson's author or the partnership's coordinators publish it.");
        }

        if (found.Lesson.Moderation is ModerationState.Draft or ModerationState.Rejected)
        {
            await commands.PublishAsync(found.Lesson, ct);
        }

        return TypedResults.Ok(ToDto(found));
    }

    private static async Task<Results<Ok<LessonDto>, ValidationProblem, ProblemHttpResult>> ModerateAsync(
        Guid id, ModerationInput input, CurrentUser user, LessonCommands commands, LessonAccess access, CancellationToken ct)
    {
        var found = await access.FindAsync(id, ct);
        if (found is null)
        {
            return ApiProblems.NotFound();
        }

        if (!found.CanModerate)
        {
            return ApiProblems.Forbidden(user.IsReadOnly ? "Your token is read-only." : "Only the learning team moderates lessons.");
        }

        var errors = new Dictionary<string, string[]>();
        var decision = input.Decision?.Trim().ToLowerInvariant();
        if (decision is not ("approve" or "reject"))
        {
            errors["decision"] = ["Say approve or reject."];
        }

        LessonVisibility? visibility = null;
        if (input.Visibility is not null)
        {
            if (LessonVocabulary.TryParseVisibility(input.Visibility, out var v))
            {
                visibility = v;
            }
            else
            {
                errors["visibility"] = ["Use Partnership, Network or Public."];
            }
        }

        if (found.Lesson.Moderation != ModerationState.Pending)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not waiting for review", detail: "This lesson is not waiting for review.");
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var outcome = await commands.ModerateAsync(found.Lesson, decision == "approve", visibility, input.CategoryId, ct);
        return outcome.Succeeded ? TypedResults.Ok(ToDto(found)) : TypedResults.ValidationProblem(ToProblemErrors(outcome.Errors));
    }

    private static async Task<Results<Ok<List<SuggestionDto>>, ProblemHttpResult>> SuggestionsAsync(Guid id, LessonAccess access, LessonTaxonomy taxonomy, CancellationToken ct)
    {
        var found = await access.FindAsync(id, ct, tracking: false);
        if (found is null)
        {
            return ApiProblems.NotFound();
        }

        var suggestions = await taxonomy.SuggestAsync(found.Lesson, ct);
        return TypedResults.Ok(suggestions.Select(s => new SuggestionDto(s.CategoryId, s.Suggestion.CategoryName, s.Suggestion.Score, s.Suggestion.Reason)).ToList());
    }

    private static async Task<Ok<List<CategoryDto>>> CategoriesAsync(LessonTaxonomy taxonomy, CancellationToken ct) =>
        TypedResults.Ok((await taxonomy.AllAsync(ct)).Select(c => new CategoryDto(c.Id, c.Slug, c.Name, c.Description, c.IsRetired)).ToList());

    private static IResult Export(LessonAccess access, string? format)
    {
        var wanted = (format ?? "csv").Trim().ToLowerInvariant();
        if (wanted is not ("csv" or "json"))
        {
            return ApiProblems.Invalid("format", "Use csv or json.");
        }

        return LessonExport.Result(access, wanted);
    }

    public static LessonDto ToDto(LessonContext found)
    {
        var l = found.Lesson;
        var tags = l.Tags.Select(t => t.Tag).Order().ToList();
        return found.ShowAnonymised
            ? new LessonDto(l.Id, l.LibraryTitle, null, l.LibraryText, l.Kind.ToString(), null, l.CategoryId, l.Category?.Name, tags, l.Stage?.ToString(),
                null, null, l.PartnershipType, l.OccurredOn, l.Visibility.ToString(), l.Moderation.ToString(), true, l.CreatedAt, l.UpdatedAt, l.Version)
            : new LessonDto(l.Id, l.Title, l.Context, l.WhatHappened, l.Kind.ToString(), l.Recommendation, l.CategoryId, l.Category?.Name, tags, l.Stage?.ToString(),
                l.Evidence, l.PartnershipId, l.PartnershipType, l.OccurredOn, l.Visibility.ToString(), l.Moderation.ToString(), false, l.CreatedAt, l.UpdatedAt, l.Version);
    }

    private static (LessonFields Fields, Dictionary<string, string[]> Errors) Fields(LessonInput input)
    {
        var errors = new Dictionary<string, string[]>();
        LessonKind? kind = null;
        if (input.Kind is not null)
        {
            if (LessonVocabulary.TryParseKind(input.Kind, out var k))
            {
                kind = k;
            }
            else
            {
                errors["kind"] = [$"Unknown kind. Use {LessonVocabulary.KindChoicesText}."];
            }
        }

        PartnershipStage? stage = null;
        if (input.Stage is not null)
        {
            if (LessonVocabulary.TryParseStage(input.Stage, out var s))
            {
                stage = s;
            }
            else
            {
                errors["stage"] = [$"Unknown stage. Use {LessonVocabulary.StageChoicesText}."];
            }
        }

        LessonVisibility? visibility = null;
        if (input.Visibility is not null)
        {
            if (LessonVocabulary.TryParseVisibility(input.Visibility, out var v))
            {
                visibility = v;
            }
            else
            {
                errors["visibility"] = ["Use Partnership, Network or Public."];
            }
        }

        var fields = new LessonFields(input.Title, input.Context, input.WhatHappened, kind, input.Recommendation, input.CategoryId,
            input.Tags is null ? null : string.Join(", ", input.Tags), stage, input.Evidence, input.PartnershipId, input.PartnershipType,
            input.OccurredOn, visibility);
        return (fields, errors);
    }

    private static Dictionary<string, string[]> ToProblemErrors(Dictionary<string, string> errors) =>
        errors.ToDictionary(e => e.Key.Length == 0 ? "" : char.ToLowerInvariant(e.Key[0]) + e.Key[1..], e => new[] { e.Value + "." });
}
