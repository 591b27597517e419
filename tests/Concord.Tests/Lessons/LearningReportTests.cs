using Concord.Web.Features.Lessons;
using Concord.Web.Features.Partnerships;
using Concord.Web.Features.Reports;

namespace Concord.Tests.Lessons;

public sealed class LearningReportTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    internal static ReportLesson Lesson(
        string title, string? category, LessonKind kind, string partnership = "p1", string? recommendation = null,
        PartnershipStage? stage = null, string? type = "Health and care", bool evidence = false, int day = 0, params string[] tags) =>
        new(title, category, kind, stage, recommendation, partnership, type, Start.AddDays(day), LessonVisibility.Network, evidence, tags);

    [Fact]
    public void Practitioners_report_counts_lessons_by_category_and_kind_largest_first()
    {
        var report = LearningReportBuilder.BuildPractitioners("Learning 2026", new DateOnly(2026, 4, 1),
        [
            Lesson("A", "Communication", LessonKind.WorkedWell),
            Lesson("B", "Communication", LessonKind.DidNotWork, "p2"),
            Lesson("C", "Communication", LessonKind.WorkedWell),
            Lesson("D", "Timing", LessonKind.Tip),
            Lesson("E", null, LessonKind.Tip),
        ]);

        Assert.Equal(5, report.LessonCount);
        Assert.Equal(2, report.PartnershipCount);
        Assert.Equal(["Communication", "Timing", "Uncategorised"], report.ByCategory.Select(c => c.Category));
        var communication = report.ByCategory[0];
        Assert.Equal(3, communication.Total);
        Assert.Equal(2, communication.CountOf(LessonKind.WorkedWell));
        Assert.Equal(1, communication.CountOf(LessonKind.DidNotWork));
        Assert.Equal(0, communication.CountOf(LessonKind.Tip));
    }

    [Fact]
    public void The_strongest_recommendations_are_those_given_by_most_partnerships()
    {
        var report = LearningReportBuilder.BuildPractitioners("R", new DateOnly(2026, 4, 1),
        [
            Lesson("Forms", "Systems and processes", LessonKind.WorkedWell, "p1", "Agree one referral form before you start", day: 1),
            Lesson("Referrals lost", "Systems and processes", LessonKind.DidNotWork, "p2", "Agree a single referral form before starting", day: 2),
            Lesson("Form again", "Systems and processes", LessonKind.Tip, "p3", "Agree the referral form before you start", day: 3),
            Lesson("Meetings", "Communication", LessonKind.WorkedWell, "p1", "Hold a short monthly meeting for all partners", day: 4),
            Lesson("Meetings 2", "Communication", LessonKind.WorkedWell, "p1", "Hold a monthly meeting of all partners", day: 5),
            Lesson("Proven", "Training", LessonKind.WorkedWell, "p4", "Train volunteers together", evidence: true, day: 6),
            Lesson("One-off", "Timing", LessonKind.Tip, "p5", "Avoid August for launches", day: 7),
        ]);

        var recommendations = report.StrongestRecommendations;
        Assert.Equal(3, recommendations.Count);
        Assert.Equal("Agree one referral form before you start", recommendations[0].Text);
        Assert.Equal(3, recommendations[0].SupportingPartnerships);
        Assert.Equal(3, recommendations[0].SupportingLessons);
        Assert.Equal("Systems and processes", recommendations[0].Category);
        Assert.Equal(2, recommendations[1].SupportingLessons);
        Assert.Equal(1, recommendations[1].SupportingPartnerships);
        Assert.Equal("Train volunteers together", recommendations[2].Text);
        Assert.Equal(1, recommendations[2].WorkedWellWithEvidence);
        Assert.DoesNotContain(recommendations, r => r.Text.Contains("August", StringComparison.Ordinal));
    }

    [Fact]
    public void What_not_to_repeat_lists_would_not_try_again_first_then_did_not_work_and_includes_stories()
    {
        var report = LearningReportBuilder.BuildPractitioners("R", new DateOnly(2026, 4, 1),
        [
            Lesson("Worked", "Timing", LessonKind.WorkedWell),
            Lesson("Failed", "Timing", LessonKind.DidNotWork, day: 5),
            Lesson("Never again", "Timing", LessonKind.WouldNotTryAgain, day: 1),
        ],
        [new ReportStory("How Silver Threads began", "Three groups, one kettle.")]);

        Assert.Equal(["Never again", "Failed"], report.NotToRepeat.Select(l => l.Title));
        Assert.Equal(2, report.NotToRepeatTotal);
        Assert.Equal("How Silver Threads began", Assert.Single(report.Stories).Title);
    }

    [Fact]
    public void Sector_report_counts_by_category_and_stage_and_hides_small_groups_and_names()
    {
        var report = LearningReportBuilder.BuildSector("Sector", new DateOnly(2026, 4, 1),
        [
            Lesson("A", "Timing", LessonKind.Tip, "p1", stage: PartnershipStage.SettingUp, type: "Health and care", tags: ["Silver Threads", "volunteers"]),
            Lesson("B", "Timing", LessonKind.Tip, "p2", stage: PartnershipStage.SettingUp, type: "Health and care", tags: ["volunteers", "transport"]),
            Lesson("C", "Timing", LessonKind.Tip, "p3", stage: PartnershipStage.Ending, type: "Faith groups", tags: ["transport", "silver threads"]),
            Lesson("D", "Training", LessonKind.WorkedWell, "p4", type: null, tags: ["Silver Threads"]),
        ],
        namesToExclude: ["Silver Threads"]);

        Assert.Equal(4, report.PartnershipCount);
        var timing = report.ByCategoryAndStage[0];
        Assert.Equal("Timing", timing.Category);
        Assert.Equal(2, timing.ByStage.Single(s => s.Stage == PartnershipStage.SettingUp).Count);
        Assert.Equal(1, timing.ByStage.Single(s => s.Stage == PartnershipStage.Ending).Count);
        Assert.Equal(1, report.ByCategoryAndStage[1].ByStage.Single(s => s.Stage is null).Count);
        Assert.Equal([new NamedCount("Health and care", 2), new NamedCount("Other types", 1), new NamedCount("Type not given", 1)], report.ByPartnershipType);
        Assert.Equal([new NamedCount("transport", 2), new NamedCount("volunteers", 2)], report.TopTags);
        Assert.Contains(report.ByStage, s => s.Name == "Setting up" && s.Count == 2);
    }
}
