using System.Net;
using System.Text.Json;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Accounts;
using Concord.Web.Features.Demo;
using Concord.Web.Features.Lessons;
using Concord.Web.Features.Partnerships;
using Concord.Web.Features.Reports;
using Concord.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Tests.Reports;

/// <summary>
/// Issue 9, bounded reads: the learning reports are summed by the database (GROUP BY, bounded reads) rather than from every
/// lesson in memory. The sums must give exactly the report the pure rules give for the same lessons, and the number of
/// queries must not grow with the library.
/// </summary>
public sealed class LearningReportDataTests
{
    private static readonly JsonSerializerOptions Json = new() { IncludeFields = true, WriteIndented = true };

    [Theory, BothDatabases]
    public async Task The_database_sums_give_the_same_reports_as_the_rules_and_the_query_count_does_not_grow_with_the_library(Db db)
    {
        await using var app = await ConcordFactory.CreateAsync(db, services: RequestCommandLog.AddTo);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await ActivatorUtilities.CreateInstance<DemoNetwork>(scope.ServiceProvider).LoadAsync();
        }

        var log = app.Services.GetRequiredService<RequestCommandLog>();
        var admin = await app.CreateAccountAsync(role: NetworkRole.NetworkAdmin, twoFactor: true, name: "Rowan Reports");
        var browser = await app.SignInAsync(admin);
        string[] pages = ["/reports/learning/practitioners", "/reports/learning/sector"];

        async Task<Dictionary<string, int>> CountAsync()
        {
            var counts = new Dictionary<string, int>();
            foreach (var url in pages)
            {
                Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(url)).StatusCode);
                log.Take();
                Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(url)).StatusCode);
                counts[url] = log.Take().Count;
            }

            return counts;
        }

        var before = await CountAsync();
        await AddLessonsAsync(app, 90);
        var after = await CountAsync();
        Assert.Equal(before, after);

        await using var check = app.Services.CreateAsyncScope();
        var reports = check.ServiceProvider.GetRequiredService<LearningReports>();
        var data = await reports.DataAsync(new ReportFilter(null, null, null), CancellationToken.None);
        var lessons = await EveryReportLessonAsync(check.ServiceProvider.GetRequiredService<ConcordDb>());
        Assert.True(lessons.Count >= 90, $"{lessons.Count} lessons");
        Assert.Equal(lessons.Count, data.LessonCount);

        var today = new DateOnly(2026, 12, 8);
        var names = new[] { "Rowan Reports", "Brightwater" };
        Assert.Equal(
            JsonSerializer.Serialize(LearningReportBuilder.BuildPractitioners("P", today, lessons), Json),
            JsonSerializer.Serialize(LearningReportBuilder.BuildPractitioners("P", today, data), Json));
        Assert.Equal(
            JsonSerializer.Serialize(LearningReportBuilder.BuildSector("S", today, lessons, names), Json),
            JsonSerializer.Serialize(LearningReportBuilder.BuildSector("S", today, data, names), Json));

        // The sums are not trivially empty: the added lessons show up in categories, types, tags and recommendations.
        var sector = LearningReportBuilder.BuildSector("S", today, data, names);
        Assert.Contains(sector.TopTags, t => t.Name == "shared transport");
        Assert.Contains(sector.ByPartnershipType, t => t.Name == "Health and care");
        var practitioners = LearningReportBuilder.BuildPractitioners("P", today, data);
        Assert.Contains(practitioners.StrongestRecommendations, r => r.Text.Contains("lift", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(LearningReportBuilder.MaxNotToRepeat, practitioners.NotToRepeat.Count);
        Assert.True(practitioners.NotToRepeatTotal > LearningReportBuilder.MaxNotToRepeat);
    }

    private static async Task AddLessonsAsync(ConcordFactory app, int count) => await app.WithDbAsync(async d =>
    {
        var partnerships = await d.Set<Partnership>().OrderBy(p => p.Name).Select(p => (Guid?)p.Id).ToListAsync();
        partnerships.Add(null);
        var categories = await d.Set<LessonCategoryEntry>().OrderBy(c => c.SortOrder).Select(c => (Guid?)c.Id).Take(4).ToListAsync();
        categories.Add(null);
        string[] types = ["Health and care", "health and care ", "Schools", "One of a kind"];
        string[][] tags = [["shared transport", "volunteers"], ["shared transport"], [], ["rural"]];
        string?[] advice = ["Book the lift drivers a week ahead", "Book lift drivers one week ahead", null, "Write the referral form with the partners"];
        var kinds = Enum.GetValues<LessonKind>();
        var stages = Enum.GetValues<PartnershipStage>().Select(s => (PartnershipStage?)s).Append(null).ToArray();
        var start = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < count; i++)
        {
            var partnershipId = partnerships[i % partnerships.Count];
            var lesson = new Lesson
            {
                Title = $"Added lesson {i:D3}",
                LibraryTitle = $"Added lesson {i:D3}",
                WhatHappened = "What happened, in a few words",
                Kind = kinds[i % kinds.Length],
                Recommendation = advice[i % advice.Length],
                CategoryId = categories[i % categories.Count],
                Stage = stages[i % stages.Length],
                Evidence = i % 3 == 0 ? "Attendance register" : null,
                PartnershipId = partnershipId,
                PartnershipType = types[i % types.Length],
                Visibility = i % 5 == 0 ? LessonVisibility.Public : i % 7 == 0 ? LessonVisibility.Partnership : LessonVisibility.Network,
                Moderation = i % 11 == 0 ? ModerationState.Draft : ModerationState.Published,
                CreatedAt = start.AddHours(i),
                UpdatedAt = start.AddHours(i),
            };
            lesson.Tags.AddRange(tags[i % tags.Length].Select(t => new LessonTag { LessonId = lesson.Id, Tag = t }));
            if (partnershipId is null && lesson.Visibility == LessonVisibility.Partnership)
            {
                lesson.Visibility = LessonVisibility.Network;
            }

            d.Add(lesson);
        }

        await d.SaveChangesAsync();
    });

    /// <summary>Every lesson the reports cover, read whole, as the reports read them before they were summed in SQL.</summary>
    private static async Task<List<ReportLesson>> EveryReportLessonAsync(ConcordDb d)
    {
        var rows = await d.Set<Lesson>().AsNoTracking()
            .Where(l => l.Moderation == ModerationState.Published && l.Visibility != LessonVisibility.Partnership)
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
            .ToListAsync();
        return
        [
            .. rows.Select(r => new ReportLesson(
                r.Visibility == LessonVisibility.Public && !string.IsNullOrEmpty(r.LibraryTitle) ? r.LibraryTitle : r.Title,
                r.Category, r.Kind, r.Stage, r.Recommendation, (r.PartnershipId ?? r.Id).ToString(), r.PartnershipType, r.CreatedAt,
                r.Visibility, !string.IsNullOrWhiteSpace(r.Evidence), r.Tags)),
        ];
    }
}
