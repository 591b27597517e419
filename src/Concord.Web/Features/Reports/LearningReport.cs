using Concord.Web.Features.Lessons;
using Concord.Web.Features.Partnerships;
namespace Concord.Web.Features.Reports;

/// <summary>What a report needs to know about one lesson. Build it from the lesson entity.</summary>
/// <param name="PartnershipKey">An opaque id of the partnership, used only to count distinct partnerships.</param>
/// <param name="PartnershipType">A describing word such as "Health and care" or "Schools"; never a name.</param>
/// <param name="HasEvidence">Whether the lesson has evidence attached or described.</param>
public sealed record ReportLesson(
    string Title,
    string? CategoryName,
    LessonKind Kind,
    PartnershipStage? Stage,
    string? Recommendation,
    string PartnershipKey,
    string? PartnershipType,
    DateTimeOffset CreatedAt,
    LessonVisibility Visibility,
    bool HasEvidence = false,
    IReadOnlyList<string>? Tags = null);

/// <summary>A partnership story (case study) chosen to appear in the practitioners' report.</summary>
public sealed record ReportStory(string Title, string? Summary = null);

/// <summary>How many lessons share one category (null: none), kind and stage.</summary>
public sealed record ReportCell(string? Category, LessonKind Kind, PartnershipStage? Stage, int Count);

/// <summary>How many lessons of one partnership (null: lessons without a partnership, each counting as its own) gave a partnership type.</summary>
public sealed record ReportTypeRow(string? PartnershipType, string? PartnershipKey, int Lessons);

/// <summary>A tag: how many lessons use it and in how many partnerships.</summary>
public sealed record ReportTagRow(string Tag, int Lessons, int Partnerships);

/// <summary>
/// Everything the two reports are built from, already summed: the database computes it with GROUP BY and bounded reads
/// (<see cref="LearningReports"/>), and <see cref="LearningReportBuilder.Summarise"/> computes the same from a list of
/// lessons. Nothing in it grows with the library beyond the bounds its producer sets.
/// </summary>
/// <param name="NotToRepeat">The first <see cref="LearningReportBuilder.MaxNotToRepeat"/> lessons that did not work or
/// would not be tried again, in report order.</param>
/// <param name="TagCandidates">The most used tags found in at least two partnerships, most used first.</param>
/// <param name="Recommending">Lessons with a recommendation (the newest ones, up to the producer's bound).</param>
public sealed record ReportData(
    int LessonCount,
    int PartnershipCount,
    IReadOnlyList<ReportCell> Cells,
    IReadOnlyList<ReportTypeRow> TypeRows,
    IReadOnlyList<ReportTagRow> TagCandidates,
    IReadOnlyList<ReportLesson> NotToRepeat,
    int NotToRepeatTotal,
    IReadOnlyList<ReportLesson> Recommending);

public sealed record KindCount(LessonKind Kind, int Count);

/// <summary>Lessons in one category, with the number of each kind in <see cref="LessonVocabulary.Kinds"/> order.</summary>
public sealed record CategoryKindCount(string Category, int Total, IReadOnlyList<KindCount> ByKind)
{
    public int CountOf(LessonKind kind) => ByKind.FirstOrDefault(k => k.Kind == kind)?.Count ?? 0;
}

public sealed record NamedCount(string Name, int Count);

/// <summary>Counts for one category across the partnership stages (null stage is "Stage not given").</summary>
public sealed record CategoryStageCount(string Category, IReadOnlyList<(PartnershipStage? Stage, int Count)> ByStage, int Total);

/// <summary>A recommendation and how strongly the lessons back it.</summary>
public sealed record StrongRecommendation(
    string Text,
    string Category,
    int SupportingLessons,
    int SupportingPartnerships,
    int WorkedWellWithEvidence,
    IReadOnlyList<string> ExampleTitles);

public sealed record LessonSummary(string Title, string Category, LessonKind Kind, PartnershipStage? Stage, string? Recommendation);

/// <summary>The practitioners' report: what people running partnerships can use next.</summary>
public sealed record PractitionersReport(
    string Title,
    DateOnly Generated,
    int LessonCount,
    int PartnershipCount,
    IReadOnlyList<CategoryKindCount> ByCategory,
    IReadOnlyList<StrongRecommendation> StrongestRecommendations,
    IReadOnlyList<LessonSummary> NotToRepeat,
    int NotToRepeatTotal,
    IReadOnlyList<ReportStory> Stories);

/// <summary>The sector report: anonymous patterns across partnerships. It holds no partnership, organisation or person names.</summary>
public sealed record SectorReport(
    string Title,
    DateOnly Generated,
    int LessonCount,
    int PartnershipCount,
    IReadOnlyList<CategoryKindCount> ByCategory,
    IReadOnlyList<CategoryStageCount> ByCategoryAndStage,
    IReadOnlyList<NamedCount> ByStage,
    IReadOnlyList<NamedCount> ByPartnershipType,
    IReadOnlyList<NamedCount> TopTags);

/// <summary>
/// Builds the two learning reports from plain lesson data. The caller decides which lessons go in
/// (for example only published lessons of one network or one funder's partnerships).
/// </summary>
public static class LearningReportBuilder
{
    public const string Uncategorised = "Uncategorised";
    public const string StageNotGiven = "Stage not given";
    public const string OtherTypes = "Other types";
    public const string TypeNotGiven = "Type not given";

    /// <summary>How many recommendations the practitioners' report lists.</summary>
    public const int MaxRecommendations = 5;

    /// <summary>How many lessons "what not to repeat" lists (the total is reported too).</summary>
    public const int MaxNotToRepeat = 20;

    /// <summary>
    /// In the sector report, a partnership type with fewer partnerships than this is merged into
    /// "Other types", and a tag must be used by at least this many partnerships to be shown, so that
    /// no single partnership can be picked out.
    /// </summary>
    public const int MinPartnershipsToShow = 2;

    /// <summary>Two recommendations whose words have at least this cosine similarity count as the same advice.</summary>
    public const double SameAdviceSimilarity = 0.5;

    /// <summary>The report's inputs computed from a list of lessons (the database computes the same in SQL).</summary>
    public static ReportData Summarise(IReadOnlyCollection<ReportLesson> lessons)
    {
        var notToRepeat = lessons.Where(l => l.Kind is LessonKind.WouldNotTryAgain or LessonKind.DidNotWork).ToList();
        return new ReportData(
            lessons.Count,
            lessons.Select(l => l.PartnershipKey).Distinct(StringComparer.Ordinal).Count(),
            [.. lessons.GroupBy(l => (Category: string.IsNullOrWhiteSpace(l.CategoryName) ? null : l.CategoryName, l.Kind, l.Stage))
                .Select(g => new ReportCell(g.Key.Category, g.Key.Kind, g.Key.Stage, g.Count()))],
            [.. lessons.GroupBy(l => (l.PartnershipType, l.PartnershipKey)).Select(g => new ReportTypeRow(g.Key.PartnershipType, g.Key.PartnershipKey, g.Count()))],
            [
                .. lessons
                    .SelectMany(l => (l.Tags ?? []).Select(t => (Tag: t.Trim().ToLowerInvariant(), l.PartnershipKey)))
                    .Where(t => t.Tag.Length > 0)
                    .GroupBy(t => t.Tag, StringComparer.Ordinal)
                    .Select(g => new ReportTagRow(g.Key, g.Count(), g.Select(t => t.PartnershipKey).Distinct(StringComparer.Ordinal).Count()))
                    .Where(t => t.Partnerships >= MinPartnershipsToShow)
                    .OrderByDescending(t => t.Lessons)
                    .ThenBy(t => t.Tag, StringComparer.Ordinal),
            ],
            [.. OrderNotToRepeat(notToRepeat).Take(MaxNotToRepeat)],
            notToRepeat.Count,
            [.. lessons.Where(l => !string.IsNullOrWhiteSpace(l.Recommendation))]);
    }

    /// <summary>The order of "what not to repeat": would not try again first, then newest, then by title.</summary>
    public static IEnumerable<ReportLesson> OrderNotToRepeat(IEnumerable<ReportLesson> lessons) =>
        lessons
            .OrderBy(l => l.Kind == LessonKind.WouldNotTryAgain ? 0 : 1)
            .ThenByDescending(l => l.CreatedAt)
            .ThenBy(l => l.Title, StringComparer.Ordinal);

    public static PractitionersReport BuildPractitioners(
        string title, DateOnly generated, IReadOnlyCollection<ReportLesson> lessons, IReadOnlyList<ReportStory>? stories = null) =>
        BuildPractitioners(title, generated, Summarise(lessons), stories);

    public static PractitionersReport BuildPractitioners(string title, DateOnly generated, ReportData data, IReadOnlyList<ReportStory>? stories = null) =>
        new(
            title,
            generated,
            data.LessonCount,
            data.PartnershipCount,
            CountByCategory(data.Cells),
            StrongestRecommendations(data.Recommending),
            [.. OrderNotToRepeat(data.NotToRepeat).Take(MaxNotToRepeat).Select(l => new LessonSummary(l.Title, CategoryOf(l), l.Kind, l.Stage, l.Recommendation))],
            data.NotToRepeatTotal,
            stories ?? []);

    /// <param name="namesToExclude">
    /// Partnership, organisation and person names; any tag containing one of them is left out.
    /// </param>
    public static SectorReport BuildSector(
        string title, DateOnly generated, IReadOnlyCollection<ReportLesson> lessons, IEnumerable<string>? namesToExclude = null, int topTags = 10) =>
        BuildSector(title, generated, Summarise(lessons), namesToExclude, topTags);

    public static SectorReport BuildSector(
        string title, DateOnly generated, ReportData data, IEnumerable<string>? namesToExclude = null, int topTags = 10)
    {
        var excluded = (namesToExclude ?? []).Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).ToList();

        var byCategoryAndStage = data.Cells
            .GroupBy(c => CategoryName(c.Category))
            .Select(g => new CategoryStageCount(
                g.Key,
                [.. StagesWithNone().Select(s => (s, g.Where(c => c.Stage == s).Sum(c => c.Count)))],
                g.Sum(c => c.Count)))
            .OrderByDescending(c => c.Total)
            .ThenBy(c => c.Category, StringComparer.Ordinal)
            .ToList();

        var byStage = StagesWithNone()
            .Select(s => new NamedCount(s?.DisplayName() ?? StageNotGiven, data.Cells.Where(c => c.Stage == s).Sum(c => c.Count)))
            .Where(c => c.Count > 0)
            .ToList();

        var typeGroups = data.TypeRows
            .GroupBy(t => string.IsNullOrWhiteSpace(t.PartnershipType) ? TypeNotGiven : t.PartnershipType.Trim(), StringComparer.OrdinalIgnoreCase)
            .Select(g => (
                Name: g.Key,
                Lessons: g.Sum(t => t.Lessons),
                // Lessons without a partnership each count as their own.
                Partnerships: g.Where(t => t.PartnershipKey is not null).Select(t => t.PartnershipKey).Distinct(StringComparer.Ordinal).Count() +
                    g.Where(t => t.PartnershipKey is null).Sum(t => t.Lessons)))
            .ToList();
        var byType = typeGroups
            .Where(t => t.Partnerships >= MinPartnershipsToShow || t.Name == TypeNotGiven)
            .Select(t => new NamedCount(t.Name, t.Lessons))
            .ToList();
        var small = typeGroups.Where(t => t.Partnerships < MinPartnershipsToShow && t.Name != TypeNotGiven).Sum(t => t.Lessons);
        if (small > 0)
        {
            byType.Add(new NamedCount(OtherTypes, small));
        }

        var tags = data.TagCandidates
            .Where(t => t.Partnerships >= MinPartnershipsToShow && !excluded.Any(n => t.Tag.Contains(n, StringComparison.OrdinalIgnoreCase)))
            .OrderByDescending(t => t.Lessons)
            .ThenBy(t => t.Tag, StringComparer.Ordinal)
            .Take(topTags)
            .Select(t => new NamedCount(t.Tag, t.Lessons))
            .ToList();

        return new SectorReport(
            title,
            generated,
            data.LessonCount,
            data.PartnershipCount,
            CountByCategory(data.Cells),
            byCategoryAndStage,
            byStage,
            [.. byType.OrderBy(t => t.Name == OtherTypes || t.Name == TypeNotGiven ? 1 : 0).ThenByDescending(t => t.Count).ThenBy(t => t.Name, StringComparer.Ordinal)],
            tags);
    }

    /// <summary>Lessons per category with a count per kind, largest category first.</summary>
    public static IReadOnlyList<CategoryKindCount> CountByCategory(IEnumerable<ReportLesson> lessons) =>
        CountByCategory(Summarise([.. lessons]).Cells);

    public static IReadOnlyList<CategoryKindCount> CountByCategory(IEnumerable<ReportCell> cells) =>
    [
        .. cells
            .GroupBy(c => CategoryName(c.Category))
            .Select(g => new CategoryKindCount(
                g.Key,
                g.Sum(c => c.Count),
                [.. Enum.GetValues<LessonKind>().Select(k => new KindCount(k, g.Where(c => c.Kind == k).Sum(c => c.Count)))]))
            .OrderByDescending(c => c.Total)
            .ThenBy(c => c.Category == Uncategorised ? 1 : 0)
            .ThenBy(c => c.Category, StringComparer.Ordinal),
    ];

    /// <summary>
    /// The strongest recommendations. Recommendations are grouped when their words are similar
    /// (cosine similarity of their word counts at least <see cref="SameAdviceSimilarity"/>). A group is
    /// stronger when more partnerships independently gave it, then when more lessons gave it, then when
    /// more of its lessons "worked well" and had evidence. A group is shown only if it was given by at
    /// least two lessons, or by one lesson that worked well and has evidence.
    /// </summary>
    public static IReadOnlyList<StrongRecommendation> StrongestRecommendations(IEnumerable<ReportLesson> lessons, int max = MaxRecommendations)
    {
        var groups = new List<(Dictionary<string, int> Words, List<ReportLesson> Lessons)>();
        var ordered = lessons
            .Where(l => !string.IsNullOrWhiteSpace(l.Recommendation))
            .OrderBy(l => l.CreatedAt)
            .ThenBy(l => l.Title, StringComparer.Ordinal);
        foreach (var lesson in ordered)
        {
            var words = Words(lesson.Recommendation!);
            if (words.Count == 0)
            {
                continue;
            }

            var group = groups.FirstOrDefault(g => Cosine(g.Words, words) >= SameAdviceSimilarity);
            if (group.Lessons is null)
            {
                groups.Add((words, [lesson]));
            }
            else
            {
                group.Lessons.Add(lesson);
            }
        }

        static bool Proven(ReportLesson l) => l.Kind == LessonKind.WorkedWell && l.HasEvidence;

        return
        [
            .. groups
                .Select(g => (
                    g.Lessons,
                    Partnerships: g.Lessons.Select(l => l.PartnershipKey).Distinct(StringComparer.Ordinal).Count(),
                    Proven: g.Lessons.Count(Proven)))
                .Where(g => g.Lessons.Count >= 2 || g.Proven >= 1)
                .OrderByDescending(g => g.Partnerships)
                .ThenByDescending(g => g.Lessons.Count)
                .ThenByDescending(g => g.Proven)
                .ThenBy(g => g.Lessons[0].Recommendation, StringComparer.Ordinal)
                .Take(max)
                .Select(g =>
                {
                    // Word the advice as the best-backed lesson did: one that worked with evidence, else the first.
                    var voice = g.Lessons.FirstOrDefault(Proven) ?? g.Lessons[0];
                    var category = g.Lessons.GroupBy(CategoryOf).OrderByDescending(c => c.Count()).ThenBy(c => c.Key, StringComparer.Ordinal).First().Key;
                    return new StrongRecommendation(
                        voice.Recommendation!.Trim(),
                        category,
                        g.Lessons.Count,
                        g.Partnerships,
                        g.Proven,
                        [.. g.Lessons.Select(l => l.Title).Distinct(StringComparer.Ordinal).Take(3)]);
                }),
        ];
    }

    private static string CategoryOf(ReportLesson lesson) => CategoryName(lesson.CategoryName);

    private static string CategoryName(string? name) => string.IsNullOrWhiteSpace(name) ? Uncategorised : name.Trim();

    private static IEnumerable<PartnershipStage?> StagesWithNone() =>
        Enum.GetValues<PartnershipStage>().Select(s => (PartnershipStage?)s).Append(null);

    private static Dictionary<string, int> Words(string text) =>
        LessonTokeniser.Tokenise(text).GroupBy(w => w, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    private static double Cosine(Dictionary<string, int> a, Dictionary<string, int> b)
    {
        double dot = a.Where(p => b.ContainsKey(p.Key)).Sum(p => (double)p.Value * b[p.Key]);
        var norm = Math.Sqrt(a.Values.Sum(v => (double)v * v)) * Math.Sqrt(b.Values.Sum(v => (double)v * v));
        return norm == 0 ? 0 : dot / norm;
    }
}
