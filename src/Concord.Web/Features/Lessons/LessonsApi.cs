using System.ComponentModel.DataAnnotations;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Http;
using Concord.Web.Infrastructure.Writes;
using Microsoft.AspNetCore.Http.HttpResults;

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
        DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version, string? RejectionReason);

    /// <summary>A lesson as sent. The attributes only describe the contract in the OpenAPI document; the command checks every
    /// value and answers each problem as a field error (so a missing title is "Enter a title for the lesson", not a binding error).</summary>
    public sealed record LessonInput(
        [property: Required, MaxLength(LessonCsvImport.MaxTitleLength)] string? Title,
        [property: MaxLength(LessonCsvImport.MaxTextLength)] string? Context,
        [property: MaxLength(LessonCsvImport.MaxTextLength)] string? WhatHappened,
        [property: Required, AllowedValues(nameof(LessonKind.WorkedWell), nameof(LessonKind.DidNotWork), nameof(LessonKind.WouldNotTryAgain), nameof(LessonKind.Tip))] string? Kind,
        [property: MaxLength(LessonCsvImport.MaxTextLength)] string? Recommendation,
        Guid? CategoryId,
        IReadOnlyList<string>? Tags,
        [property: AllowedValues(nameof(PartnershipStage.Deciding), nameof(PartnershipStage.SettingUp), nameof(PartnershipStage.During), nameof(PartnershipStage.Ending))] string? Stage,
        [property: MaxLength(LessonCsvImport.MaxTextLength)] string? Evidence,
        Guid? PartnershipId,
        [property: MaxLength(100)] string? PartnershipType,
        DateOnly? OccurredOn,
        [property: AllowedValues(nameof(LessonVisibility.Partnership), nameof(LessonVisibility.Network), nameof(LessonVisibility.Public))] string? Visibility,
        bool? Publish,
        int? Version);

    public sealed record LessonSearchItem(Guid Id, string Title, string TitleHtml, string SnippetHtml, string Kind, string? Category,
        string? Stage, IReadOnlyList<string> Tags, string Visibility, string? PartnershipType, double Rank, DateTimeOffset CreatedAt);

    public sealed record CategoryDto(Guid Id, string Slug, string Name, string Description, bool Retired);

    /// <summary>The learning team's decision: <c>approve</c> (optionally with visibility, category, and for a public lesson the
    /// <c>title</c> and <c>text</c> the public will read, corrected from the anonymised version) or <c>reject</c> with a <c>reason</c>.</summary>
    public sealed record ModerationInput(
        [property: Required, AllowedValues("approve", "reject")] string? Decision,
        [property: AllowedValues(nameof(LessonVisibility.Partnership), nameof(LessonVisibility.Network), nameof(LessonVisibility.Public))] string? Visibility,
        Guid? CategoryId,
        [property: MaxLength(LessonCsvImport.MaxTitleLength)] string? Title = null,
        string? Text = null,
        string? Reason = null);

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
        group.MapPost("/", CreateAsync).WithName("CreateLesson").ProducesWrite<LessonDto>(StatusCodes.Status201Created)
            .WithSummary("Writes a lesson, as a draft or published (`publish: true`). A public lesson waits for the learning team's review.");
        group.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateLesson").ProducesWrite<LessonDto>(stale: true)
            .WithSummary("Changes a lesson (its author or the partnership's coordinators). Send the `version` you read (required); a stale one gets 409 with the saved lesson as `current`, and nothing is saved. New words in a published public lesson go back to the learning team.");
        group.MapPost("/{id:guid}/publish", PublishAsync).WithName("PublishLesson").ProducesWrite<LessonDto>(stale: true)
            .WithSummary("Publishes a draft or a rejected lesson (public lessons go to review).");
        group.MapPost("/{id:guid}/moderation", ModerateAsync).WithName("ModerateLesson").ProducesWrite<LessonDto>(stale: true)
            .WithSummary("The learning team approves (`decision: approve`, with visibility and category, and for a public lesson optionally the `title` and `text` the public will read; without them, the text with every name Concord knows taken out) or rejects (`decision: reject`, with a `reason` its author sees) a lesson waiting for review. A lesson already reviewed gets 409.");
        group.MapGet("/{id:guid}/category-suggestions", SuggestionsAsync).WithName("SuggestLessonCategories")
            .WithSummary("The most likely categories for a lesson, with the reason.");
        return api;
    }

    private static async Task<Results<Ok<PagedList<LessonSearchItem>>, ValidationProblem>> SearchAsync(
        LessonSearch search, ConcordDb db, string? q, string? category, string? kind, string? stage, string? tag, string? partnershipType,
        int? page, int? pageSize, CancellationToken ct)
    {
        PageRequest.TryCreate(page, pageSize, out var paging, out var errors);
        var (query, filterErrors) = await LessonFilters.ParseAsync(db, q, category, kind, stage, tag, partnershipType, ct);
        foreach (var (k, v) in filterErrors)
        {
            errors.Add(k, v);
        }

        if (errors.Any)
        {
            return ApiProblems.Invalid(errors);
        }

        var (p, size) = (paging.Page, paging.Size);
        var results = await search.SearchAsync(query with { Page = p, PageSize = size }, ct);
        return TypedResults.Ok(new PagedList<LessonSearchItem>([.. results.Items.Select(h => new LessonSearchItem(h.Lesson.Id, h.Lesson.LibraryTitle, h.TitleHtml, h.SnippetHtml,
            h.Lesson.Kind.ToString(), h.Lesson.Category?.Name, h.Lesson.Stage?.ToString(), [.. h.Lesson.Tags.Select(t => t.Tag).Order()],
            h.Lesson.Visibility.ToString(), h.Lesson.PartnershipType, h.Rank, h.Lesson.CreatedAt))], p, size, results.Total));
    }

    /// <summary>Reads library filters from words or enum names; unknown values are field errors.</summary>
    private static async Task<Results<Ok<LessonDto>, ProblemHttpResult>> GetAsync(Guid id, LessonAccess access, CancellationToken ct)
    {
        var found = await access.FindAsync(id, ct, tracking: false);
        return found is null ? ApiProblems.NotFound() : TypedResults.Ok(ToDto(found));
    }

    private static async Task<IResult> CreateAsync(LessonInput input, LessonCommands commands, LessonAccess access, CancellationToken ct)
    {
        var (fields, errors) = Fields(input);
        var result = await commands.CreateAsync(fields, input.Publish == true, ct, errors);
        if (!result.Saved)
        {
            return result.Failure!.ToApi();
        }

        var found = await access.FindAsync(result.Value!.Id, ct, tracking: false);
        return TypedResults.Created($"/api/v1/lessons/{result.Value.Id}", ToDto(found!));
    }

    private static async Task<IResult> UpdateAsync(Guid id, LessonInput input, LessonCommands commands, LessonAccess access, CancellationToken ct)
    {
        var (fields, errors) = Fields(input);
        return await AnswerAsync(await commands.UpdateAsync(id, fields, input.Version, input.Publish == true, ct, errors), id, access, ct);
    }

    private static async Task<IResult> PublishAsync(Guid id, LessonCommands commands, LessonAccess access, CancellationToken ct) =>
        await AnswerAsync(await commands.PublishAsync(id, ct), id, access, ct);

    private static async Task<IResult> ModerateAsync(Guid id, ModerationInput input, LessonCommands commands, LessonAccess access, CancellationToken ct)
    {
        var errors = new FieldErrors();
        bool? approve = input.Decision?.Trim().ToLowerInvariant() switch { "approve" => true, "reject" => false, _ => null };
        LessonVisibility? visibility = null;
        if (input.Visibility is not null)
        {
            if (LessonVocabulary.TryParseVisibility(input.Visibility, out var v))
            {
                visibility = v;
            }
            else
            {
                errors.Add("Visibility", "Use Partnership, Network or Public");
            }
        }

        var result = await commands.ModerateAsync(id, new ModerationDecision(approve, visibility, input.CategoryId, input.Title, input.Text, input.Reason),
            showPublicVersionFirst: false, ct, errors);
        if (result.Status == WriteStatus.Invalid)
        {
            // The request names the public version's fields title and text.
            var renamed = new FieldErrors();
            foreach (var (field, message) in result.Errors)
            {
                renamed.Add(field switch { "PublicTitle" => "Title", "PublicText" => "Text", _ => field }, message);
            }

            return ApiProblems.Invalid(renamed);
        }

        return await AnswerAsync(result, id, access, ct);
    }

    /// <summary>The saved lesson as the caller sees it, or the problem; a stale write carries the saved lesson as <c>current</c>.</summary>
    private static async Task<IResult> AnswerAsync(WriteResult<Lesson> result, Guid id, LessonAccess access, CancellationToken ct)
    {
        if (result.Saved || result.Status == WriteStatus.Stale)
        {
            var found = await access.FindAsync(id, ct, tracking: false);
            if (found is null)
            {
                return ApiProblems.NotFound();
            }

            return result.Saved ? TypedResults.Ok(ToDto(found)) : result.Failure!.ToApi(ToDto(found));
        }

        return result.Failure!.ToApi();
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
            return ApiProblems.Invalid("Format", "Use csv or json");
        }

        return LessonExport.Result(access, wanted);
    }

    public static LessonDto ToDto(LessonContext found)
    {
        var l = found.Lesson;
        var tags = l.Tags.Select(t => t.Tag).Order().ToList();
        return found.ShowAnonymised
            ? new LessonDto(l.Id, l.LibraryTitle, null, l.LibraryText, l.Kind.ToString(), null, l.CategoryId, l.Category?.Name, tags, l.Stage?.ToString(),
                null, null, l.PartnershipType, l.OccurredOn, l.Visibility.ToString(), l.Moderation.ToString(), true, l.CreatedAt, l.UpdatedAt, l.Version, null)
            : new LessonDto(l.Id, l.Title, l.Context, l.WhatHappened, l.Kind.ToString(), l.Recommendation, l.CategoryId, l.Category?.Name, tags, l.Stage?.ToString(),
                l.Evidence, l.PartnershipId, l.PartnershipType, l.OccurredOn, l.Visibility.ToString(), l.Moderation.ToString(), false, l.CreatedAt, l.UpdatedAt, l.Version,
                found.CanEdit || found.IsPartnershipMember || found.CanModerate ? l.RejectionReason : null);
    }

    private static (LessonFields Fields, FieldErrors Errors) Fields(LessonInput input)
    {
        var errors = new FieldErrors();
        LessonKind? kind = null;
        if (input.Kind is not null)
        {
            if (LessonVocabulary.TryParseKind(input.Kind, out var k))
            {
                kind = k;
            }
            else
            {
                errors.Add("Kind", $"Unknown kind. Use {LessonVocabulary.KindChoicesText}.");
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
                errors.Add("Stage", $"Unknown stage. Use {LessonVocabulary.StageChoicesText}.");
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
                errors.Add("Visibility", "Use Partnership, Network or Public.");
            }
        }

        var fields = new LessonFields(input.Title, input.Context, input.WhatHappened, kind, input.Recommendation, input.CategoryId,
            input.Tags is null ? null : string.Join(", ", input.Tags), stage, input.Evidence, input.PartnershipId, input.PartnershipType,
            input.OccurredOn, visibility);
        return (fields, errors);
    }
}
