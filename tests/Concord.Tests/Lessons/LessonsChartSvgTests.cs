using System.Xml.Linq;
using Concord.Web.Features.Lessons;
using Concord.Web.Features.Reports;

namespace Concord.Tests.Lessons;

public sealed class LessonsChartSvgTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static IReadOnlyList<CategoryKindCount> Rows() => LearningReportBuilder.CountByCategory(
    [
        LearningReportTests.Lesson("A", "Communication", LessonKind.WorkedWell),
        LearningReportTests.Lesson("B", "Communication", LessonKind.DidNotWork),
        LearningReportTests.Lesson("C", "Partners <& friends>", LessonKind.Tip),
    ]);

    [Fact]
    public void The_chart_is_an_accessible_image_with_title_description_and_legend()
    {
        var svg = XElement.Parse(LessonsChartSvg.Render(Rows(), idPrefix: "c1"));

        Assert.Equal("img", (string?)svg.Attribute("role"));
        Assert.Equal("c1-title c1-desc", (string?)svg.Attribute("aria-labelledby"));
        Assert.Equal("Lessons by category and kind", svg.Element(Svg + "title")?.Value);
        var desc = svg.Element(Svg + "desc")!.Value;
        Assert.Contains("Communication: 2 lessons (1 worked well, 1 did not work)", desc, StringComparison.Ordinal);
        Assert.Contains("Partners <& friends>: 1 lesson (1 tip)", desc, StringComparison.Ordinal);
        foreach (var (_, name) in LessonVocabulary.Kinds)
        {
            Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == name);
        }

        Assert.Equal(3, svg.Descendants(Svg + "rect").Count(r => r.Parent?.Attribute("aria-hidden") is null));
    }

    [Fact]
    public void The_chart_has_no_scripts_no_style_attributes_and_only_known_colours()
    {
        var markup = LessonsChartSvg.Render(Rows());
        var svg = XElement.Parse(markup);

        Assert.Empty(svg.Descendants(Svg + "script"));
        Assert.DoesNotContain(svg.DescendantsAndSelf().Attributes(), a => a.Name.LocalName is "style" || a.Name.LocalName.StartsWith("on", StringComparison.Ordinal));
        var fills = svg.Descendants(Svg + "rect").Select(r => (string)r.Attribute("fill")!).Distinct();
        Assert.All(fills, f => Assert.Contains(f, LessonsChartSvg.KindColours.Values));
    }

    [Fact]
    public void Every_kind_colour_has_at_least_4_5_to_1_contrast_with_white()
    {
        foreach (var colour in LessonsChartSvg.KindColours.Values)
        {
            Assert.True(Contrast(colour) >= 4.5, $"{colour} has contrast {Contrast(colour):0.00}");
        }
    }

    [Fact]
    public void An_empty_chart_says_there_is_nothing_yet() =>
        Assert.Contains("No lessons yet.", LessonsChartSvg.Render([]), StringComparison.Ordinal);

    private static double Contrast(string hex)
    {
        static double Channel(string h) =>
            int.Parse(h, System.Globalization.NumberStyles.HexNumber) / 255.0 is var c && c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        var l = (0.2126 * Channel(hex[1..3])) + (0.7152 * Channel(hex[3..5])) + (0.0722 * Channel(hex[5..7]));
        return 1.05 / (l + 0.05);
    }
}
