using Concord.Tests.Infrastructure;
using Concord.Web.Features.Lessons;
using Concord.Web.Features.Partnerships;
using Concord.Web.Features.Reports;

namespace Concord.Tests.Lessons;

public sealed class LearningReportPdfTests
{
    private static List<ReportLesson> ManyLessons(int count) =>
    [
        .. Enumerable.Range(0, count).Select(i => LearningReportTests.Lesson(
            $"Lesson number {i} about {DefaultTaxonomy.Categories[i % 11].Name.ToLowerInvariant()}",
            DefaultTaxonomy.Categories[i % 11].Name,
            (LessonKind)(i % 4),
            $"p{i % 7}",
            i % 3 == 0 ? $"Recommendation {i}: agree the plan with every partner before the work begins and review it after three months" : null,
            (PartnershipStage)(i % 4),
            type: i % 2 == 0 ? "Health and care" : "Schools",
            evidence: i % 5 == 0,
            day: i,
            tags: ["volunteers", $"tag{i % 6}"])),
    ];

    [Fact]
    public void The_practitioners_report_pdf_has_the_title_and_breaks_long_content_over_several_pages()
    {
        var report = LearningReportBuilder.BuildPractitioners("Learning from Silver Threads 2026", new DateOnly(2026, 4, 1), ManyLessons(200),
            [.. Enumerable.Range(0, 30).Select(i => new ReportStory($"Story {i}", "A partnership story with a long enough summary to wrap onto a second line of the page, which tests the wrapping."))]);

        var pdf = PdfText.Of(LearningReportPdf.Render(report));

        Assert.True(pdf.Pages.Count >= 3, $"Expected several pages, got {pdf.Pages.Count}");
        Assert.Equal("Learning from Silver Threads 2026", pdf.Title);
        Assert.StartsWith("Learning from Silver Threads 2026", pdf.Pages[0], StringComparison.Ordinal);
        Assert.Contains("It draws on 200 lessons from 7 partnerships.", pdf.Pages[0], StringComparison.Ordinal);
        foreach (var heading in new[] { "Lessons by category", "The strongest recommendations", "What not to repeat", "Partnership stories" })
        {
            Assert.Contains(heading, pdf.All, StringComparison.Ordinal);
        }

        // Every story is there, the last one on the last page, and each page is numbered.
        Assert.Contains("Story 29 A partnership story", pdf.Pages[^1], StringComparison.Ordinal);
        for (var i = 0; i < pdf.Pages.Count; i++)
        {
            Assert.Contains($"Page {i + 1} of {pdf.Pages.Count}", pdf.Pages[i], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_sector_report_pdf_renders_and_short_input_fits_on_one_page()
    {
        var report = LearningReportBuilder.BuildSector("Sector learning", new DateOnly(2026, 4, 1), ManyLessons(3));

        var pdf = PdfText.Of(LearningReportPdf.Render(report));

        var page = Assert.Single(pdf.Pages);
        Assert.Equal("Sector learning", pdf.Title);
        Assert.StartsWith("Sector learning", page, StringComparison.Ordinal);
        Assert.Contains("It draws on 3 lessons from 3 partnerships. No partnership, organisation or person is named.", page, StringComparison.Ordinal);
        foreach (var heading in new[] { "Lessons by category", "Lessons by category and partnership stage", "Lessons by type of partnership", "Most used tags" })
        {
            Assert.Contains(heading, page, StringComparison.Ordinal);
        }

        Assert.Contains("Page 1 of 1", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_render_in_parallel_and_with_no_lessons()
    {
        var results = Enumerable.Range(0, 4).AsParallel().Select(i =>
            LearningReportPdf.Render(LearningReportBuilder.BuildPractitioners($"Empty {i}", new DateOnly(2026, 4, 1), []))).ToList();

        Assert.All(results.Select((bytes, i) => (PdfText.Of(bytes), i)), result =>
        {
            var (pdf, i) = result;
            Assert.Equal($"Empty {i}", pdf.Title);
            Assert.Contains("It draws on 0 lessons from 0 partnerships.", pdf.All, StringComparison.Ordinal);
            Assert.Contains("No recommendation is backed by more than one lesson yet.", pdf.All, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void The_fonts_are_embedded_in_the_assembly()
    {
        var fonts = new ReportFonts();
        Assert.NotNull(fonts.GetFont("DejaVuSans"));
        Assert.NotNull(fonts.GetFont("DejaVuSans-Bold"));
        Assert.Equal("DejaVuSans-Bold", fonts.ResolveTypeface("anything", bold: true, italic: false)!.FaceName);
    }
}
