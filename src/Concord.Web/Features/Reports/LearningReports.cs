using Concord.Web.Features.Accounts;
using Concord.Web.Features.Lessons;
using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;
using Concord.Web.Features.Stories;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Reports;

/// <summary>Which lessons a report covers: created from and to (London dates, inclusive), optionally one category.</summary>
public sealed record ReportFilter(DateOnly? From, DateOnly? To, string? Category)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (From is { } f && To is { } t && t < f)
        {
            errors["to"] = ["The end of the date range must be on or after its start"];
        }

        return errors;
    }

    public string Describe() => (From, To) switch
    {
        (null, null) => "all dates",
        ({ } f, null) => $"from {Shared.Display.Date(f)}",
        (null, { } t) => $"up to {Shared.Display.Date(t)}",
        ({ } f, { } t) => $"{Shared.Display.Date(f)} to {Shared.Display.Date(t)}",
    };
}

/// <summary>
/// Loads lessons for the two learning reports and hands them to <see cref="LearningReportBuilder"/>. Only
/// published lessons that their partnership shared with the network or the public are included — never a
/// partnership-only lesson — and the public (anonymised) title is used for public lessons. The sector
/// report gets every partnership, organisation and person name to keep out of its tags.
/// </summary>
public sealed class LearningReports(ConcordDb db, TimeProvider clock)
{
    public const string PractitionersTitle = "Learning from partnerships: a report for practitioners";
    public const string SectorTitle = "Patterns across partnerships: a report for the sector";

    /// <summary>How many of the newest lessons with a recommendation are grouped into "strongest recommendations".</summary>
    public const int RecommendationSample = 2_000;

    /// <summary>How many of the most used tags (in two partnerships or more) are read before names are taken out.</summary>
    public const int TagCandidates = 200;

    public async Task<PractitionersReport> PractitionersAsync(ReportFilter filter, CancellationToken ct)
    {
        var data = await DataAsync(filter, ct);
        var stories = await db.Set<PartnershipStory>()
            .Where(s => s.State == StoryState.Published && s.SelectedForReports)
            .OrderByDescending(s => s.PublishedAt).Take(20).AsNoTracking().Select(s => new ReportStory(s.Title, s.ShortSummary)).ToListAsync(ct);
        return LearningReportBuilder.BuildPractitioners(PractitionersTitle + Suffix(filter), London.Today(clock), data, stories);
    }

    public async Task<SectorReport> SectorAsync(ReportFilter filter, CancellationToken ct)
    {
        var data = await DataAsync(filter, ct);
        var names = new List<string>();
        names.AddRange(await db.Set<Partnership>().Select(p => p.Name).ToListAsync(ct));
        names.AddRange(await db.Set<Organisation>().Select(o => o.Name).ToListAsync(ct));
        names.AddRange(await db.Set<Account>().Where(a => a.DisplayName != "").Select(a => a.DisplayName).ToListAsync(ct));
        return LearningReportBuilder.BuildSector(SectorTitle + Suffix(filter), London.Today(clock), data, names);
    }

    public async Task<List<(string Slug, string Name)>> CategoriesAsync(CancellationToken ct) =>
        [.. (await db.Set<LessonCategoryEntry>().OrderBy(c => c.SortOrder).ThenBy(c => c.Name).Select(c => new { c.Slug, c.Name }).ToListAsync(ct)).Select(c => (c.Slug, c.Name))];

    /// <summary>
    /// The reports' inputs, summed by the database: counts by category, kind and stage, by partnership type and partnership,
    /// and by tag are GROUP BY queries; "what not to repeat" reads its first rows and a count; the recommendations are
    /// grouped from the newest <see cref="RecommendationSample"/>. Six queries whatever the size of the library.
    /// </summary>
    public async Task<ReportData> DataAsync(ReportFilter filter, CancellationToken ct)
    {
        var query = Lessons(filter).AsNoTracking();
        var cells = await query
            .GroupBy(l => new { Category = l.Category != null ? l.Category.Name : null, l.Kind, l.Stage })
            .Select(g => new ReportCell(g.Key.Category, g.Key.Kind, g.Key.Stage, g.Count()))
            .ToListAsync(ct);
        var partnerships = await query.Select(l => l.PartnershipId ?? l.Id).Distinct().CountAsync(ct);
        var typeRows = (await query
                .GroupBy(l => new { l.PartnershipType, l.PartnershipId })
                .Select(g => new { g.Key.PartnershipType, g.Key.PartnershipId, Lessons = g.Count() })
                .ToListAsync(ct))
            .Select(r => new ReportTypeRow(r.PartnershipType, r.PartnershipId?.ToString(), r.Lessons))
            .ToList();
        var min = LearningReportBuilder.MinPartnershipsToShow;
        var tags = await query
            .Join(db.Set<LessonTag>(), l => l.Id, t => t.LessonId, (l, t) => new { t.Tag, Key = l.PartnershipId ?? l.Id })
            .GroupBy(t => t.Tag)
            .Select(g => new { Tag = g.Key, Lessons = g.Count(), Partnerships = g.Select(t => t.Key).Distinct().Count() })
            .Where(t => t.Partnerships >= min)
            .OrderByDescending(t => t.Lessons).ThenBy(t => t.Tag)
            .Take(TagCandidates)
            .Select(t => new ReportTagRow(t.Tag, t.Lessons, t.Partnerships))
            .ToListAsync(ct);

        var notToRepeat = query.Where(l => l.Kind == LessonKind.WouldNotTryAgain || l.Kind == LessonKind.DidNotWork);
        var notToRepeatTotal = await notToRepeat.CountAsync(ct);
        var firstNotToRepeat = await Rows(notToRepeat
                .OrderBy(l => l.Kind == LessonKind.WouldNotTryAgain ? 0 : 1).ThenByDescending(l => l.CreatedAt).ThenBy(l => l.Title)
                .Take(LearningReportBuilder.MaxNotToRepeat))
            .ToListAsync(ct);
        var recommending = await Rows(query
                .Where(l => l.Recommendation != null && l.Recommendation != "")
                .OrderByDescending(l => l.CreatedAt).ThenBy(l => l.Id)
                .Take(RecommendationSample))
            .ToListAsync(ct);

        return new ReportData(
            cells.Sum(c => c.Count),
            partnerships,
            cells,
            typeRows,
            tags,
            [.. firstNotToRepeat.Select(ToLesson)],
            notToRepeatTotal,
            [.. recommending.Select(ToLesson)]);
    }

    private IQueryable<Lesson> Lessons(ReportFilter filter)
    {
        var query = db.Set<Lesson>().Where(l => l.Moderation == ModerationState.Published && l.Visibility != LessonVisibility.Partnership);
        if (filter.From is { } from)
        {
            var start = Start(from);
            query = query.Where(l => l.CreatedAt >= start);
        }

        if (filter.To is { } to)
        {
            var end = Start(to.AddDays(1));
            query = query.Where(l => l.CreatedAt < end);
        }

        if (!string.IsNullOrWhiteSpace(filter.Category))
        {
            var slug = filter.Category.Trim();
            query = query.Where(l => l.Category != null && l.Category.Slug == slug);
        }

        return query;
    }

    private sealed record LessonRow(
        string Title, string? LibraryTitle, LessonVisibility Visibility, string? Category, LessonKind Kind, PartnershipStage? Stage,
        string? Recommendation, Guid? PartnershipId, Guid Id, string? PartnershipType, DateTimeOffset CreatedAt, string? Evidence, List<string> Tags);

    private static IQueryable<LessonRow> Rows(IQueryable<Lesson> lessons) =>
        lessons.Select(l => new LessonRow(
            l.Title, l.LibraryTitle, l.Visibility, l.Category != null ? l.Category.Name : null, l.Kind, l.Stage,
            l.Recommendation, l.PartnershipId, l.Id, l.PartnershipType, l.CreatedAt, l.Evidence, l.Tags.Select(t => t.Tag).ToList()));

    /// <summary>A public lesson appears under its anonymised library title.</summary>
    private static ReportLesson ToLesson(LessonRow r) => new(
        r.Visibility == LessonVisibility.Public || string.IsNullOrEmpty(r.Title) ? (string.IsNullOrEmpty(r.LibraryTitle) ? r.Title : r.LibraryTitle) : r.Title,
        r.Category,
        r.Kind,
        r.Stage,
        r.Recommendation,
        (r.PartnershipId ?? r.Id).ToString(),
        r.PartnershipType,
        r.CreatedAt,
        r.Visibility,
        !string.IsNullOrWhiteSpace(r.Evidence),
        r.Tags);

    private static DateTimeOffset Start(DateOnly day) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), London.Zone), TimeSpan.Zero);

    private static string Suffix(ReportFilter filter) => filter.From is null && filter.To is null ? "" : $" ({filter.Describe()})";
}
