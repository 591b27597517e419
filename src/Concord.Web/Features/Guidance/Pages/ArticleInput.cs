using Microsoft.AspNetCore.Mvc.Rendering;

namespace Concord.Web.Features.Guidance.Pages;

public sealed class ArticleInput
{
    public string? Title { get; set; }
    public string? Slug { get; set; }
    public string? Stage { get; set; }
    public string? Summary { get; set; }
    public string? Body { get; set; }
    public string? RelatedCategories { get; set; }
    public string? RelatedTags { get; set; }
    public int? SortOrder { get; set; }
    public int Version { get; set; }

    public ArticleFields Fields() => new(Title, Slug, Summary, Stage, Body, RelatedCategories, RelatedTags, SortOrder);

    public static ArticleInput From(GuidanceArticle a) => new()
    {
        Title = a.Title,
        Slug = a.Slug,
        Stage = a.Stage?.ToString() ?? GuidanceCommands.Spotlight,
        Summary = a.Summary,
        Body = a.Body,
        RelatedCategories = a.RelatedCategories,
        RelatedTags = a.RelatedTags,
        SortOrder = a.SortOrder,
        Version = a.Version,
    };

    public static IReadOnlyList<SelectListItem> StageChoices { get; } =
    [
        .. Lessons.LessonVocabulary.Stages.Select(s => new SelectListItem(s.Name, s.Value.ToString())),
        new SelectListItem("Spotlight (not tied to a stage)", GuidanceCommands.Spotlight),
    ];
}
