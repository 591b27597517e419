namespace Concord.Web.Features.Guidance;

public sealed record RelatedLesson(string Title, string? Category, string Url);

/// <summary>
/// Lessons related to a guidance article (by the article's categories and tags), only those the reader
/// may see. Until the lessons library is merged, there are no lessons to relate.
/// </summary>
public sealed class RelatedLessons
{
    public Task<IReadOnlyList<RelatedLesson>> ForAsync(GuidanceArticle article, int max, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<RelatedLesson>>([]);
}
