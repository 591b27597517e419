using System.Globalization;
using Concord.Web.Features.Lessons;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Concord.Web.Features.Reports;

/// <summary>
/// Renders the learning reports to PDF with PDFsharp: title and date, sections, a table of counts,
/// the lessons-by-kind chart drawn as bars, page numbers, and page breaks that never split a line or
/// a table row. It uses DejaVu Sans embedded in this assembly, so it works on a server with no fonts.
/// </summary>
public static class LearningReportPdf
{
    public static byte[] Render(PractitionersReport report)
    {
        var pdf = new PdfLayout(report.Title);
        pdf.Heading1(report.Title);
        pdf.Paragraph($"Practitioners' report, produced {Date(report.Generated)}. It draws on {Plural(report.LessonCount, "lesson")} from {Plural(report.PartnershipCount, "partnership")}.", muted: true);

        pdf.Heading2("Lessons by category");
        pdf.Chart(report.ByCategory);
        pdf.KindTable(report.ByCategory);

        pdf.Heading2("The strongest recommendations");
        pdf.Paragraph("A recommendation is strongest when several partnerships independently gave the same advice, then when more lessons gave it, then when it worked well and has evidence.", muted: true);
        if (report.StrongestRecommendations.Count == 0)
        {
            pdf.Paragraph("No recommendation is backed by more than one lesson yet.");
        }

        foreach (var r in report.StrongestRecommendations)
        {
            pdf.Bullet(r.Text, $"{r.Category}. Backed by {Plural(r.SupportingLessons, "lesson")} from {Plural(r.SupportingPartnerships, "partnership")}"
                + (r.WorkedWellWithEvidence > 0 ? $", {r.WorkedWellWithEvidence} that worked well with evidence." : "."));
        }

        pdf.Heading2("What not to repeat");
        if (report.NotToRepeat.Count == 0)
        {
            pdf.Paragraph("No lesson has been recorded as not working yet.");
        }

        foreach (var l in report.NotToRepeat)
        {
            var detail = $"{l.Kind.DisplayName()} · {l.Category}" + (l.Stage is { } s ? $" · {s.DisplayName()}" : "");
            pdf.Bullet(l.Title, string.IsNullOrWhiteSpace(l.Recommendation) ? detail : $"{detail}. {l.Recommendation}");
        }

        if (report.NotToRepeatTotal > report.NotToRepeat.Count)
        {
            pdf.Paragraph($"And {report.NotToRepeatTotal - report.NotToRepeat.Count} more in the lessons library.", muted: true);
        }

        if (report.Stories.Count > 0)
        {
            pdf.Heading2("Partnership stories");
            foreach (var story in report.Stories)
            {
                pdf.Bullet(story.Title, story.Summary);
            }
        }

        return pdf.Save();
    }

    public static byte[] Render(SectorReport report)
    {
        var pdf = new PdfLayout(report.Title);
        pdf.Heading1(report.Title);
        pdf.Paragraph($"Sector report, produced {Date(report.Generated)}. It draws on {Plural(report.LessonCount, "lesson")} from {Plural(report.PartnershipCount, "partnership")}. No partnership, organisation or person is named.", muted: true);

        pdf.Heading2("Lessons by category");
        pdf.Chart(report.ByCategory);
        pdf.KindTable(report.ByCategory);

        pdf.Heading2("Lessons by category and partnership stage");
        var stages = report.ByCategoryAndStage.FirstOrDefault()?.ByStage.Select(s => s.Stage?.DisplayName() ?? "Not given").ToList()
            ?? [.. LessonVocabulary.Stages.Select(s => s.Name)];
        pdf.Table(
            ["Category", .. stages, "Total"],
            [.. report.ByCategoryAndStage.Select(c => (IReadOnlyList<string>)[c.Category, .. c.ByStage.Select(s => N(s.Count)), N(c.Total)])]);

        pdf.Heading2("Lessons by type of partnership");
        pdf.Paragraph("Types with only one partnership are counted together under 'Other types' so that no partnership can be identified.", muted: true);
        pdf.Table(["Type of partnership", "Lessons"], [.. report.ByPartnershipType.Select(t => (IReadOnlyList<string>)[t.Name, N(t.Count)])]);

        pdf.Heading2("Most used tags");
        if (report.TopTags.Count == 0)
        {
            pdf.Paragraph("No tag has been used by more than one partnership yet.");
        }
        else
        {
            pdf.Table(["Tag", "Lessons"], [.. report.TopTags.Select(t => (IReadOnlyList<string>)[t.Name, N(t.Count)])]);
        }

        return pdf.Save();
    }

    private static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));

    private static string N(int n) => n.ToString("N0", CultureInfo.GetCultureInfo("en-GB"));

    private static string Plural(int count, string noun) => $"{N(count)} {noun}{(count == 1 ? "" : "s")}";

    /// <summary>A small flowing layout over PDFsharp pages: a cursor moving down A4 pages.</summary>
    private sealed class PdfLayout
    {
        private const double Margin = 56; // about 2 cm
        private const double FooterSpace = 30;
        private static readonly XColor Text = XColor.FromArgb(0x1b, 0x1b, 0x1b);
        private static readonly XColor Muted = XColor.FromArgb(0x50, 0x5a, 0x5f);
        private static readonly XColor Rule = XColor.FromArgb(0xb1, 0xb4, 0xb6);

        private readonly PdfDocument _document = new();
        private readonly XFont _body;
        private readonly XFont _bold;
        private readonly XFont _small;
        private readonly XFont _h1;
        private readonly XFont _h2;
        private XGraphics _gfx = null!;
        private PdfPage _page = null!;
        private double _y;

        public PdfLayout(string title)
        {
            ReportFonts.EnsureConfigured();
            _document.Info.Title = title;
            _document.Info.Creator = "Concord";
            _document.Language = "en-GB";
            _body = new XFont(ReportFonts.Family, 10.5, XFontStyleEx.Regular);
            _bold = new XFont(ReportFonts.Family, 10.5, XFontStyleEx.Bold);
            _small = new XFont(ReportFonts.Family, 8.5, XFontStyleEx.Regular);
            _h1 = new XFont(ReportFonts.Family, 20, XFontStyleEx.Bold);
            _h2 = new XFont(ReportFonts.Family, 14, XFontStyleEx.Bold);
            NewPage();
        }

        private double ContentWidth => _page.Width.Point - (2 * Margin);

        private double Bottom => _page.Height.Point - Margin - FooterSpace;

        public void Heading1(string text)
        {
            Lines(text, _h1, Text, 0, 26);
            _y += 6;
        }

        public void Heading2(string text)
        {
            // Keep a heading with at least a few lines of what follows it.
            Ensure(18 + 60);
            _y += 12;
            Lines(text, _h2, Text, 0, 19);
            _y += 4;
        }

        public void Paragraph(string text, bool muted = false)
        {
            Lines(text, _body, muted ? Muted : Text, 0, 14.5);
            _y += 6;
        }

        public void Bullet(string title, string? detail)
        {
            Ensure(string.IsNullOrWhiteSpace(detail) ? 15 : 44); // keep a title with the start of its detail
            _gfx.DrawString("•", _bold, new XSolidBrush(Text), Margin + 2, _y + 11);
            Lines(title, _bold, Text, 14, 14.5);
            if (!string.IsNullOrWhiteSpace(detail))
            {
                Lines(detail, _body, Muted, 14, 14.5);
            }

            _y += 5;
        }

        public void KindTable(IReadOnlyList<CategoryKindCount> rows) =>
            Table(
                ["Category", .. LessonVocabulary.Kinds.Select(k => k.Name), "Total"],
                [.. rows.Select(r => (IReadOnlyList<string>)[r.Category, .. LessonVocabulary.Kinds.Select(k => N(r.CountOf(k.Value))), N(r.Total)])]);

        /// <summary>A table whose first column takes the spare width; the header repeats on each new page.</summary>
        public void Table(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
        {
            const double rowHeight = 17;
            var numberWidth = Math.Min(72, (ContentWidth * 0.6) / Math.Max(1, header.Count - 1));
            var firstWidth = ContentWidth - (numberWidth * (header.Count - 1));

            void DrawRow(IReadOnlyList<string> cells, XFont font, double height)
            {
                var x = Margin;
                for (var i = 0; i < cells.Count; i++)
                {
                    var width = i == 0 ? firstWidth : numberWidth;
                    var text = Fit(cells[i], font, width - 6);
                    var format = i == 0 ? XStringFormats.BottomLeft : XStringFormats.BottomRight;
                    var box = i == 0 ? new XRect(x, _y, width - 6, height - 4) : new XRect(x, _y, width - 2, height - 4);
                    _gfx.DrawString(text, font, new XSolidBrush(Text), box, format);
                    x += width;
                }

                _y += height;
                _gfx.DrawLine(new XPen(Rule, 0.5), Margin, _y, Margin + ContentWidth, _y);
            }

            var headerHeight = header.Any(h => _gfx.MeasureString(h, _small).Width > numberWidth - 4) ? 28 : rowHeight;
            void DrawHeader()
            {
                var x = Margin;
                for (var i = 0; i < header.Count; i++)
                {
                    var width = i == 0 ? firstWidth : numberWidth;
                    var words = WrapWords(header[i], _small, width - 4);
                    var lineY = _y + headerHeight - 4 - ((words.Count - 1) * 10);
                    foreach (var line in words)
                    {
                        var format = i == 0 ? XStringFormats.BottomLeft : XStringFormats.BottomRight;
                        _gfx.DrawString(line, _small, new XSolidBrush(Muted), new XRect(x, lineY - 10, width - (i == 0 ? 6 : 2), 10), format);
                        lineY += 10;
                    }

                    x += width;
                }

                _y += headerHeight;
                _gfx.DrawLine(new XPen(Text, 1), Margin, _y, Margin + ContentWidth, _y);
            }

            Ensure(headerHeight + (rowHeight * Math.Min(rows.Count, 3)));
            DrawHeader();
            foreach (var row in rows)
            {
                if (_y + rowHeight > Bottom)
                {
                    NewPage();
                    DrawHeader();
                }

                DrawRow(row, _body, rowHeight);
            }

            _y += 10;
        }

        /// <summary>The stacked bar chart of lessons by category and kind, with a legend.</summary>
        public void Chart(IReadOnlyList<CategoryKindCount> rows)
        {
            if (rows.Count == 0)
            {
                Paragraph("There are no lessons to show yet.");
                return;
            }

            const double bar = 12;
            const double gap = 6;
            const double labelWidth = 170;
            var barArea = ContentWidth - labelWidth - 36;
            var max = Math.Max(1, rows.Max(r => r.Total));

            Ensure(24 + ((bar + gap) * Math.Min(rows.Count, 4)));
            var x = Margin + labelWidth;
            foreach (var (kind, name) in LessonVocabulary.Kinds)
            {
                _gfx.DrawRectangle(Brush(kind), x, _y + 2, 9, 9);
                _gfx.DrawString(name, _small, new XSolidBrush(Text), x + 13, _y + 10);
                x += 22 + _gfx.MeasureString(name, _small).Width;
            }

            _y += 20;
            foreach (var row in rows)
            {
                if (_y + bar > Bottom)
                {
                    NewPage();
                }

                _gfx.DrawString(Fit(row.Category, _small, labelWidth - 8), _small, new XSolidBrush(Text), new XRect(Margin, _y, labelWidth - 8, bar), XStringFormats.CenterRight);
                x = Margin + labelWidth;
                foreach (var (kind, _) in LessonVocabulary.Kinds)
                {
                    var count = row.CountOf(kind);
                    if (count == 0)
                    {
                        continue;
                    }

                    var w = count / (double)max * barArea;
                    _gfx.DrawRectangle(Brush(kind), x, _y, Math.Max(w - 0.8, 0.8), bar);
                    x += w;
                }

                _gfx.DrawString(N(row.Total), _small, new XSolidBrush(Text), new XRect(x + 4, _y, 36, bar), XStringFormats.CenterLeft);
                _y += bar + gap;
            }

            _y += 8;
        }

        public byte[] Save()
        {
            var count = _document.PageCount;
            _gfx.Dispose();
            for (var i = 0; i < count; i++)
            {
                var page = _document.Pages[i];
                using var gfx = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
                var footer = $"Page {i + 1} of {count}";
                gfx.DrawString(footer, _small, new XSolidBrush(Muted), new XRect(Margin, page.Height.Point - Margin, page.Width.Point - (2 * Margin), 12), XStringFormats.BottomRight);
                gfx.DrawString(_document.Info.Title, _small, new XSolidBrush(Muted), new XRect(Margin, page.Height.Point - Margin, (page.Width.Point - (2 * Margin)) * 0.7, 12), XStringFormats.BottomLeft);
            }

            using var stream = new MemoryStream();
            _document.Save(stream, closeStream: false);
            _document.Dispose();
            return stream.ToArray();
        }

        private static XSolidBrush Brush(LessonKind kind)
        {
            var hex = LessonsChartSvg.KindColours[kind];
            return new XSolidBrush(XColor.FromArgb(
                int.Parse(hex.AsSpan(1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                int.Parse(hex.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                int.Parse(hex.AsSpan(5, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
        }

        private void NewPage()
        {
            _gfx?.Dispose();
            _page = _document.AddPage();
            _page.Size = PdfSharp.PageSize.A4;
            _gfx = XGraphics.FromPdfPage(_page);
            _y = Margin;
        }

        private void Ensure(double height)
        {
            if (_y + height > Bottom)
            {
                NewPage();
            }
        }

        private void Lines(string text, XFont font, XColor colour, double indent, double lineHeight)
        {
            var brush = new XSolidBrush(colour);
            foreach (var line in WrapWords(text, font, ContentWidth - indent))
            {
                Ensure(lineHeight);
                _gfx.DrawString(line, font, brush, Margin + indent, _y + (lineHeight * 0.78));
                _y += lineHeight;
            }
        }

        private List<string> WrapWords(string text, XFont font, double width)
        {
            var lines = new List<string>();
            foreach (var paragraph in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
            {
                var line = "";
                foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var candidate = line.Length == 0 ? word : line + " " + word;
                    if (line.Length > 0 && _gfx.MeasureString(candidate, font).Width > width)
                    {
                        lines.Add(line);
                        line = Fit(word, font, width);
                    }
                    else
                    {
                        line = line.Length == 0 ? Fit(word, font, width) : candidate;
                    }
                }

                lines.Add(line);
            }

            return lines;
        }

        private string Fit(string text, XFont font, double width)
        {
            if (_gfx.MeasureString(text, font).Width <= width)
            {
                return text;
            }

            var cut = text.Length;
            while (cut > 1 && _gfx.MeasureString(text[..cut] + "…", font).Width > width)
            {
                cut--;
            }

            return text[..cut].TrimEnd() + "…";
        }
    }
}

/// <summary>
/// Serves DejaVu Sans (regular and bold), embedded in this assembly, to PDFsharp. PDFsharp allows one
/// font resolver per process, set before the first font is used; <see cref="EnsureConfigured"/> sets it
/// once, thread-safely. If another part of the app has already installed a resolver, that one is kept,
/// and it must be able to resolve the family "DejaVu Sans".
/// </summary>
public sealed class ReportFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string RegularFace = "DejaVuSans";
    private const string BoldFace = "DejaVuSans-Bold";
    private static readonly Lock Gate = new();
    private static bool _configured;

    public static void EnsureConfigured()
    {
        if (Volatile.Read(ref _configured))
        {
            return;
        }

        lock (Gate)
        {
            if (!_configured)
            {
                GlobalFontSettings.FontResolver ??= new ReportFonts();
                Volatile.Write(ref _configured, true);
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? BoldFace : RegularFace); // every family maps to DejaVu Sans; italic is not shipped

    public byte[]? GetFont(string faceName)
    {
        var name = $"Concord.Web.Features.Reports.Fonts.{faceName}.ttf";
        using var stream = typeof(ReportFonts).Assembly.GetManifestResourceStream(name);
        if (stream is null)
        {
            return null;
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
