using System.Text;
using Concord.Web.Features.Lessons;
using Concord.Web.Features.Lessons.Reports;
using PdfSharp.Pdf.IO;

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

        var bytes = LearningReportPdf.Render(report);

        Assert.Equal("%PDF", Encoding.ASCII.GetString(bytes, 0, 4));
        using var document = PdfReader.Open(new MemoryStream(bytes), PdfDocumentOpenMode.Import);
        Assert.True(document.PageCount >= 3, $"Expected several pages, got {document.PageCount}");
        Assert.Equal("Learning from Silver Threads 2026", document.Info.Title);
    }

    [Fact]
    public void The_sector_report_pdf_renders_and_short_input_fits_on_one_page()
    {
        var report = LearningReportBuilder.BuildSector("Sector learning", new DateOnly(2026, 4, 1), ManyLessons(3));

        var bytes = LearningReportPdf.Render(report);

        Assert.Equal("%PDF", Encoding.ASCII.GetString(bytes, 0, 4));
        using var document = PdfReader.Open(new MemoryStream(bytes), PdfDocumentOpenMode.Import);
        Assert.Equal(1, document.PageCount);
        Assert.Equal("Sector learning", document.Info.Title);
    }

    [Fact]
    public void Reports_render_in_parallel_and_with_no_lessons()
    {
        var results = Enumerable.Range(0, 4).AsParallel().Select(i =>
            LearningReportPdf.Render(LearningReportBuilder.BuildPractitioners($"Empty {i}", new DateOnly(2026, 4, 1), []))).ToList();

        Assert.All(results, bytes => Assert.Equal("%PDF", Encoding.ASCII.GetString(bytes, 0, 4)));
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
