using System.Globalization;
using System.Xml.Linq;
using Concord.Web.Features.Lessons;

namespace Concord.Web.Features.Reports;

/// <summary>
/// Draws lessons by category and kind as a horizontal stacked bar chart in SVG, for pages that would
/// rather show than tell. The SVG is self-describing (role="img" with a title and a description that
/// lists every number), uses only presentation attributes (no style attributes, no scripts), and the
/// page should still show the same numbers in a table.
/// </summary>
public static class LessonsChartSvg
{
    /// <summary>
    /// Fill colours per kind, each at least 4.5:1 against white (so white count labels on them and the
    /// bars against the page both pass), and different in lightness as well as hue. Segments are also
    /// separated by a white gap and labelled with their count, so colour is never the only cue.
    /// </summary>
    public static IReadOnlyDictionary<LessonKind, string> KindColours { get; } = new Dictionary<LessonKind, string>
    {
        [LessonKind.WorkedWell] = "#1d5c8c",
        [LessonKind.DidNotWork] = "#a3470a",
        [LessonKind.WouldNotTryAgain] = "#7a1d5a",
        [LessonKind.Tip] = "#2d6a32",
    };

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private const int Width = 760;
    private const int LabelWidth = 250;
    private const int TotalWidth = 40;
    private const int BarHeight = 22;
    private const int RowGap = 10;
    private const int Top = 40;
    private const string Font = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
    private const string TextColour = "#1b1b1b";

    /// <param name="idPrefix">Makes the ids of the title and description unique when a page shows several charts.</param>
    public static string Render(IReadOnlyList<CategoryKindCount> rows, string title = "Lessons by category and kind", string idPrefix = "lessons-chart")
    {
        var titleId = idPrefix + "-title";
        var descId = idPrefix + "-desc";
        var barArea = Width - LabelWidth - TotalWidth - 10;
        var max = Math.Max(1, rows.Count == 0 ? 1 : rows.Max(r => r.Total));
        var height = Top + (Math.Max(rows.Count, 1) * (BarHeight + RowGap)) + 10;

        var svg = new XElement(Svg + "svg",
            new XAttribute("viewBox", $"0 0 {Width} {height}"),
            new XAttribute("width", Width),
            new XAttribute("height", height),
            new XAttribute("role", "img"),
            new XAttribute("aria-labelledby", $"{titleId} {descId}"),
            new XAttribute("font-family", Font),
            new XAttribute("font-size", 13),
            new XElement(Svg + "title", new XAttribute("id", titleId), title),
            new XElement(Svg + "desc", new XAttribute("id", descId), Describe(rows)));

        svg.Add(Legend());

        if (rows.Count == 0)
        {
            svg.Add(Text(0, Top + 16, "No lessons yet.", TextColour));
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var y = Top + (i * (BarHeight + RowGap));
            var group = new XElement(Svg + "g");
            group.Add(Text(LabelWidth - 8, y + 15, Shorten(row.Category, 34), TextColour, anchor: "end"));

            double x = LabelWidth;
            foreach (var (kind, _) in LessonVocabulary.Kinds)
            {
                var count = row.CountOf(kind);
                if (count == 0)
                {
                    continue;
                }

                var w = (double)count / max * barArea;
                group.Add(new XElement(Svg + "rect",
                    new XAttribute("x", F(x)),
                    new XAttribute("y", y),
                    new XAttribute("width", F(Math.Max(w - 1, 1))),
                    new XAttribute("height", BarHeight),
                    new XAttribute("fill", KindColours[kind]),
                    new XElement(Svg + "title", $"{row.Category}: {Plural(count, "lesson")} {kind.DisplayName().ToLowerInvariant()}")));
                if (w >= 22)
                {
                    group.Add(Text(x + (w / 2), y + 15, count.ToString(CultureInfo.InvariantCulture), "#ffffff", anchor: "middle"));
                }

                x += w;
            }

            group.Add(Text(x + 6, y + 15, row.Total.ToString(CultureInfo.InvariantCulture), TextColour, bold: true));
            svg.Add(group);
        }

        return svg.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>The text alternative used as the SVG's description.</summary>
    public static string Describe(IReadOnlyList<CategoryKindCount> rows)
    {
        if (rows.Count == 0)
        {
            return "There are no lessons to show yet.";
        }

        var parts = rows.Select(r =>
        {
            var kinds = LessonVocabulary.Kinds
                .Where(k => r.CountOf(k.Value) > 0)
                .Select(k => $"{r.CountOf(k.Value)} {k.Name.ToLowerInvariant()}");
            return $"{r.Category}: {Plural(r.Total, "lesson")} ({string.Join(", ", kinds)})";
        });
        return "Horizontal bar chart of lessons by category, each bar split by kind of lesson. " + string.Join(". ", parts) + ".";
    }

    private static XElement Legend()
    {
        var legend = new XElement(Svg + "g", new XAttribute("aria-hidden", "true"));
        double x = LabelWidth;
        foreach (var (kind, name) in LessonVocabulary.Kinds)
        {
            legend.Add(new XElement(Svg + "rect",
                new XAttribute("x", F(x)),
                new XAttribute("y", 8),
                new XAttribute("width", 14),
                new XAttribute("height", 14),
                new XAttribute("fill", KindColours[kind])));
            legend.Add(Text(x + 19, 20, name, TextColour));
            x += 28 + (name.Length * 7.2);
        }

        return legend;
    }

    private static XElement Text(double x, double y, string text, string fill, string anchor = "start", bool bold = false)
    {
        var element = new XElement(Svg + "text",
            new XAttribute("x", F(x)),
            new XAttribute("y", F(y)),
            new XAttribute("fill", fill),
            text);
        if (anchor != "start")
        {
            element.Add(new XAttribute("text-anchor", anchor));
        }

        if (bold)
        {
            element.Add(new XAttribute("font-weight", "bold"));
        }

        return element;
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";

    private static string Plural(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";

    private static string F(double value) => Math.Round(value, 1).ToString(CultureInfo.InvariantCulture);
}
