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

    public async Task<PractitionersReport> PractitionersAsync(ReportFilter filter, CancellationToken ct)
    {
        var lessons = await LessonsAsync(filter, ct);
        var stories = await db.Set<PartnershipStory>()
            .Where(s => s.State == StoryState.Published && s.SelectedForReports)
            .OrderByDescending(s => s.PublishedAt).Take(20).AsNoTracking().ToListAsync(ct);
        return LearningReportBuilder.BuildPractitioners(PractitionersTitle + Suffix(filter), London.Today(clock), lessons,
            [.. stories.Select(s => new ReportStory(s.Title, s.ShortSummary))]);
    }

    public async Task<SectorReport> SectorAsync(ReportFilter filter, CancellationToken ct)
    {
        var lessons = await LessonsAsync(filter, ct);
        var names = new List<string>();
        names.AddRange(await db.Set<Partnership>().Select(p => p.Name).ToListAsync(ct));
        names.AddRange(await db.Set<Organisation>().Select(o => o.Name).ToListAsync(ct));
        names.AddRange(await db.Set<Account>().Where(a => a.DisplayName != "").Select(a => a.DisplayName).ToListAsync(ct));
        return LearningReportBuilder.BuildSector(SectorTitle + Suffix(filter), London.Today(clock), lessons, names);
    }

    public async Task<List<(string Slug, string Name)>> CategoriesAsync(CancellationToken ct) =>
        [.. (await db.Set<LessonCategoryEntry>().OrderBy(c => c.SortOrder).ThenBy(c => c.Name).Select(c => new { c.Slug, c.Name }).ToListAsync(ct)).Select(c => (c.Slug, c.Name))];

    private async Task<List<ReportLesson>> LessonsAsync(ReportFilter filter, CancellationToken ct)
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

        var rows = await query
            .Select(l => new
            {
                l.Title,
                l.LibraryTitle,
                l.Visibility,
                Category = l.Category != null ? l.Category.Name : null,
                l.Kind,
                l.Stage,
                l.Recommendation,
                l.PartnershipId,
                l.Id,
                l.PartnershipType,
                l.CreatedAt,
                l.Evidence,
                Tags = l.Tags.Select(t => t.Tag).ToList(),
            })
            .AsNoTracking()
            .ToListAsync(ct);
        return
        [
            .. rows.Select(r => new ReportLesson(
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
                r.Tags)),
        ];
    }

    private static DateTimeOffset Start(DateOnly day) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), London.Zone), TimeSpan.Zero);

    private static string Suffix(ReportFilter filter) => filter.From is null && filter.To is null ? "" : $" ({filter.Describe()})";
}
