using Concord.Web.Features.Lessons;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concord.Web.Features.PublicLibrary;

/// <summary>
/// The public library's read-only API: no account or token needed. Only public, published lessons, and only what the public
/// pages show of them (the anonymised title and text); anything else is a 404 like a missing id.
/// </summary>
public static class PublicLibraryApi
{
    public sealed record PublicLessonItem(Guid Id, string Title, string TitleHtml, string SnippetHtml, string Kind, string? Category,
        string? Stage, DateTimeOffset CreatedAt, string Url);

    public sealed record PublicLessonDto(Guid Id, string Title, string Text, string Kind, string? Category, string? Stage,
        string? PartnershipType, DateOnly? OccurredOn, DateTimeOffset CreatedAt, string Url);

    public static RouteGroupBuilder MapPublicLibraryApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/public/lessons").WithTags("Public library").AllowAnonymous();
        group.MapGet("/", SearchAsync).WithName("SearchPublicLessons")
            .WithSummary("The public lessons library, without an account: published public lessons only, anonymised. The same search and filters as `GET /api/v1/lessons` (`q`, `category`, `kind`, `stage`, `tag`, `partnershipType`), paged with `page` and `pageSize` (1–100, 25 by default); `total` counts up to 1,001.");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetPublicLesson")
            .WithSummary("One public, published lesson, anonymised. Any other lesson is a 404, exactly like a missing id.");
        return api;
    }

    private static async Task<Results<Ok<PagedList<PublicLessonItem>>, ValidationProblem>> SearchAsync(
        PublicLibraryQueries library, ConcordDb db, string? q, string? category, string? kind, string? stage, string? tag, string? partnershipType,
        int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!PageRequest.TryCreate(page, pageSize, out var request, out var pagingErrors))
        {
            foreach (var (field, messages) in pagingErrors.ToProblemErrors())
            {
                errors[field] = messages;
            }
        }

        var (query, filterErrors) = await LessonFilters.ParseAsync(db, q, category, kind, stage, tag, partnershipType, ct);
        foreach (var (field, messages) in filterErrors.ToProblemErrors())
        {
            errors[field] = messages;
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var (items, results) = await library.SearchAsync(query with { Page = request.Page, PageSize = request.Size }, ct);
        return TypedResults.Ok(request.Of<PublicLessonItem>(
            [.. items.Select(h => new PublicLessonItem(h.Id, System.Net.WebUtility.HtmlDecode(StripMarks(h.TitleHtml)), h.TitleHtml, h.SnippetHtml,
                h.Kind.ToString(), h.Category, h.Stage?.ToString(), h.CreatedAt, PublicLibraryLinks.LessonPage(h.Id)))],
            results.Total));
    }

    private static async Task<Results<Ok<PublicLessonDto>, ProblemHttpResult>> GetAsync(Guid id, PublicLibraryQueries library, CancellationToken ct) =>
        await library.FindLessonAsync(id, ct) is { } l
            ? TypedResults.Ok(new PublicLessonDto(l.Id, l.Title, l.Text, l.Kind.ToString(), l.Category, l.Stage?.ToString(),
                PublicLibraryQueries.SafePartnershipType(l.PartnershipType), l.OccurredOn, l.CreatedAt, PublicLibraryLinks.LessonPage(l.Id)))
            : ApiProblems.NotFound();

    private static string StripMarks(string html) => html.Replace("<mark>", "", StringComparison.Ordinal).Replace("</mark>", "", StringComparison.Ordinal);
}
