using AngleSharp.Dom;
using Ganss.Xss;
using Markdig;
using Markdig.Syntax;

namespace Concord.Web.Infrastructure.Text;

/// <summary>
/// Renders Markdown that people write (lessons, minutes, agreements) to HTML that is safe to put in a
/// page. Two layers on purpose: Markdig is told not to pass raw HTML through (so &lt;script&gt; shows as
/// text), and the result still goes through an allow-list sanitiser, because Markdown links and images
/// can carry javascript: or remote URLs by themselves. Thread-safe once constructed; register as a singleton.
/// </summary>
public sealed class MarkdownRenderer
{
    private static readonly string[] AllowedTags =
    [
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "code", "pre", "blockquote",
        "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
    ];

    private readonly MarkdownPipeline _pipeline;
    private readonly HtmlSanitizer _sanitizer;
    private readonly Uri? _siteOrigin;
    private readonly int _headingShift;

    /// <param name="siteOrigin">The site's own origin (for example https://concord.example.org). Images
    /// with an absolute URL on this origin are kept; without it only relative image URLs are kept.</param>
    /// <param name="headingShift">Added to every heading level (capped at 6). The default of 1 makes
    /// "# Title" an h2, because the page's own h1 says what the page is for and there must be one only.</param>
    public MarkdownRenderer(Uri? siteOrigin = null, int headingShift = 1)
    {
        _siteOrigin = siteOrigin;
        _headingShift = headingShift;
        _pipeline = new MarkdownPipelineBuilder()
            .DisableHtml()
            .UsePipeTables()
            .UseEmphasisExtras()
            .UseAutoLinks()
            .Build();

        _sanitizer = new HtmlSanitizer();
        _sanitizer.AllowedTags.Clear();
        _sanitizer.AllowedTags.UnionWith(AllowedTags);
        _sanitizer.AllowedAttributes.Clear();
        _sanitizer.AllowedAttributes.UnionWith(["href", "src", "alt", "title", "start"]);
        _sanitizer.AllowedCssProperties.Clear();
        _sanitizer.AllowedAtRules.Clear();
        _sanitizer.AllowedClasses.Clear();
        _sanitizer.AllowDataAttributes = false;
        _sanitizer.AllowedSchemes.Clear();
        _sanitizer.AllowedSchemes.UnionWith(["http", "https", "mailto"]);
        _sanitizer.FilterUrl += (_, e) =>
        {
            if (e.Tag.LocalName == "img" && !IsSameSite(e.OriginalUrl))
            {
                e.SanitizedUrl = null;
            }
        };
        _sanitizer.PostProcessDom += (_, e) =>
        {
            foreach (var link in e.Document.QuerySelectorAll("a[href]"))
            {
                link.SetAttribute("rel", "noopener noreferrer");
            }

            // An image whose source was refused would show as a broken box: remove it, keep its alt text.
            foreach (var img in e.Document.QuerySelectorAll("img:not([src])").ToList())
            {
                var alt = img.GetAttribute("alt");
                img.Replace(string.IsNullOrEmpty(alt) ? [] : [e.Document.CreateTextNode(alt)]);
            }
        };
    }

    public string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }

        var document = Markdown.Parse(markdown, _pipeline);
        if (_headingShift != 0)
        {
            foreach (var heading in document.Descendants<HeadingBlock>())
            {
                heading.Level = Math.Clamp(heading.Level + _headingShift, 1, 6);
            }
        }

        return _sanitizer.Sanitize(document.ToHtml(_pipeline));
    }

    // Same-site means a path on this site ("/files/a.png", "a.png") or an absolute URL on the site's own
    // origin. "//host/x" is protocol-relative and points elsewhere, and a backslash is read as a slash by
    // browsers, so both are refused.
    private bool IsSameSite(string url)
    {
        var trimmed = url.Trim();
        if (trimmed.StartsWith("//", StringComparison.Ordinal) || trimmed.StartsWith("/\\", StringComparison.Ordinal) || trimmed.StartsWith('\\'))
        {
            return false;
        }

        // Checked before Uri parsing, which on Linux reads "/files/a.png" as an absolute file: URI.
        if (trimmed.StartsWith('/'))
        {
            return true;
        }

        if (!Uri.TryCreate(trimmed, UriKind.RelativeOrAbsolute, out var uri))
        {
            return false;
        }

        return !uri.IsAbsoluteUri
            || (_siteOrigin is not null && Uri.Compare(uri, _siteOrigin, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0);
    }
}
