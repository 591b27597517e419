using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Concord.Web.Features.Shared;

/// <summary>
/// Lets every register table (<c>&lt;table class="table"&gt;</c>) fit a phone without JavaScript: each data cell is given
/// its column's heading as <c>data-label</c>, and on narrow screens site.css shows the rows as stacked cards with that
/// label above each value, so no column is hidden off the edge. A table marked <c>matrix</c> (the RACI grid) keeps its
/// grid and scrolls inside its own box instead. Cells that already carry a <c>data-label</c> keep it.
/// </summary>
[HtmlTargetElement("table", Attributes = "class")]
public sealed partial class ResponsiveTableTagHelper : TagHelper
{
    // After Razor's own tag helpers, so the content is final.
    public override int Order => 1000;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var classes = output.Attributes["class"]?.Value?.ToString()?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (!classes.Contains("table") || classes.Contains("matrix"))
        {
            return;
        }

        var content = (await output.GetChildContentAsync()).GetContent();
        output.Content.SetHtmlContent(Label(content));
    }

    /// <summary>The table's inner HTML with each body cell labelled by its column heading.</summary>
    public static string Label(string html)
    {
        var headStart = html.IndexOf("<thead", StringComparison.OrdinalIgnoreCase);
        var headEnd = html.IndexOf("</thead>", StringComparison.OrdinalIgnoreCase);
        if (headStart < 0 || headEnd < headStart)
        {
            return html;
        }

        var headings = new List<string>();
        foreach (Match cell in HeadingCell().Matches(html[headStart..headEnd]))
        {
            var text = WebUtility.HtmlDecode(Tags().Replace(cell.Groups["body"].Value, " "));
            text = Spaces().Replace(text, " ").Trim();
            for (var i = 0; i < Span(cell.Groups["attrs"].Value); i++)
            {
                headings.Add(text);
            }
        }

        var result = new StringBuilder(html.Length + 1024);
        result.Append(html, 0, headEnd);
        var column = 0;
        var at = headEnd;
        foreach (Match tag in RowOrCell().Matches(html, headEnd))
        {
            result.Append(html, at, tag.Index - at);
            at = tag.Index + tag.Length;
            if (tag.Groups["name"].Value.Equals("tr", StringComparison.OrdinalIgnoreCase))
            {
                column = 0;
                result.Append(tag.Value);
                continue;
            }

            var attrs = tag.Groups["attrs"].Value;
            var isData = tag.Groups["name"].Value.Equals("td", StringComparison.OrdinalIgnoreCase);
            if (isData && column < headings.Count && headings[column].Length > 0
                && !attrs.Contains("data-label", StringComparison.OrdinalIgnoreCase))
            {
                result.Append('<').Append(tag.Groups["name"].Value)
                    .Append(" data-label=\"").Append(HtmlEncoder.Default.Encode(headings[column])).Append('"')
                    .Append(attrs).Append('>');
            }
            else
            {
                result.Append(tag.Value);
            }

            column += Span(attrs);
        }

        result.Append(html, at, html.Length - at);
        return result.ToString();
    }

    private static int Span(string attrs)
    {
        var m = ColSpan().Match(attrs);
        return m.Success && int.TryParse(m.Groups[1].Value, out var n) && n is > 0 and < 100 ? n : 1;
    }

    [GeneratedRegex(@"<th(?<attrs>(\s[^>]*)?)>(?<body>.*?)</th>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex HeadingCell();

    [GeneratedRegex(@"<(?<name>tr|td|th)(?<attrs>(\s[^>]*)?)>", RegexOptions.IgnoreCase)]
    private static partial Regex RowOrCell();

    [GeneratedRegex(@"colspan\s*=\s*""?(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex ColSpan();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
