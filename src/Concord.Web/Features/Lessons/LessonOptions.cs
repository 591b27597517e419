using Microsoft.AspNetCore.Mvc.Rendering;

namespace Concord.Web.Features.Lessons;

/// <summary>Select-list choices for the lesson forms and filters, in the words people see.</summary>
public static class LessonOptions
{
    /// <summary>Describing words for the type of partnership (a lesson may also use its own).</summary>
    public static IReadOnlyList<string> PartnershipTypes { get; } =
        ["Health and care", "Schools and young people", "Older people", "Housing and homelessness", "Advice and money", "Arts and culture", "Environment", "Employment and skills"];

    public static List<SelectListItem> Kinds(string? empty = null) =>
        [.. Empty(empty), .. LessonVocabulary.Kinds.Select(k => new SelectListItem(k.Name, k.Value.ToString()))];

    public static List<SelectListItem> Stages(string? empty = null) =>
        [.. Empty(empty), .. LessonVocabulary.Stages.Select(s => new SelectListItem(s.Name, s.Value.ToString()))];

    public static List<SelectListItem> Visibilities(bool withPartnership = true) =>
        [.. Enum.GetValues<LessonVisibility>().Where(v => withPartnership || v != LessonVisibility.Partnership)
            .Select(v => new SelectListItem(v.DisplayName(), v.ToString()))];

    public static List<SelectListItem> Types(string? empty = null) =>
        [.. Empty(empty), .. PartnershipTypes.Select(t => new SelectListItem(t, t))];

    private static IEnumerable<SelectListItem> Empty(string? empty) => empty is null ? [] : [new SelectListItem(empty, "")];
}
