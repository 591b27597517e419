using AngleSharp.Html.Parser;
using Concord.Web.Infrastructure.Text;

namespace Concord.Tests.Text;

public sealed class MarkdownRendererTests
{
    private readonly MarkdownRenderer _renderer = new(new Uri("https://concord.example.org"));

    // Checks the parsed DOM, as a browser would see it: text that merely mentions "javascript:" is harmless.
    private static void AssertNothingRuns(string html)
    {
        var document = new HtmlParser().ParseDocument($"<body>{html}</body>");
        Assert.Empty(document.Body!.QuerySelectorAll("script, iframe, svg, object, embed, style, form, input, math"));
        foreach (var element in document.Body.QuerySelectorAll("*"))
        {
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"Event handler {attribute.Name} on {element.LocalName}");
                Assert.NotEqual("style", attribute.Name);
                if (attribute.Name is "href" or "src")
                {
                    var url = new string(attribute.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
                    Assert.DoesNotMatch("(?i)^(javascript|vbscript|data):", url);
                }
            }
        }
    }

    [Fact]
    public void Ordinary_markdown_renders_headings_lists_emphasis_and_tables()
    {
        var html = _renderer.ToHtml("# Lessons\n\nWe **learned** a _lot_.\n\n- one\n- two\n\n| A | B |\n|---|---|\n| 1 | 2 |\n");

        Assert.Contains("<h2>Lessons</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>learned</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<em>lot</em>", html, StringComparison.Ordinal);
        Assert.Contains("<li>one</li>", html, StringComparison.Ordinal);
        Assert.Contains("<td>1</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Headings_can_keep_their_own_level()
    {
        Assert.Equal("<h1>Title</h1>", new MarkdownRenderer(headingShift: 0).ToHtml("# Title").Trim());
        Assert.StartsWith("<h6>", _renderer.ToHtml("###### Deep"), StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_or_missing_text_renders_nothing()
    {
        Assert.Equal("", _renderer.ToHtml(null));
        Assert.Equal("", _renderer.ToHtml("   "));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<SCRIPT SRC=//evil.example/x.js></SCRIPT>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<a href=\"javascript:alert(1)\">click</a>")]
    [InlineData("<p style=\"background:url(javascript:alert(1))\">x</p>")]
    [InlineData("<svg onload=alert(1)>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JaVaScRiPt:alert(1))")]
    [InlineData("[click](jav&#x09;ascript:alert(1))")]
    [InlineData("[click](vbscript:msgbox(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("![x](javascript:alert(1))")]
    [InlineData("![x\" onerror=\"alert(1)](/a.png)")]
    [InlineData("[x](/a \"title\\\" onmouseover=\\\"alert(1)\")")]
    [InlineData("```\n<script>alert(1)</script>\n```")]
    public void Xss_attempts_are_neutralised(string markdown)
    {
        AssertNothingRuns(_renderer.ToHtml(markdown));
    }

    [Fact]
    public void Raw_html_is_shown_as_text_not_run()
    {
        var html = _renderer.ToHtml("Hello <script>alert(1)</script>");

        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Links_get_noopener_noreferrer()
    {
        var html = _renderer.ToHtml("See [the guide](https://www.gov.uk/guidance) and <https://example.org>.");

        Assert.Contains("<a href=\"https://www.gov.uk/guidance\" rel=\"noopener noreferrer\">the guide</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.org\" rel=\"noopener noreferrer\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rel_written_by_the_author_is_replaced()
    {
        var html = _renderer.ToHtml("[x](https://example.org){rel=opener}");

        Assert.DoesNotContain("rel=\"opener\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("![Logo](/files/logo.png)", "/files/logo.png")]
    [InlineData("![Logo](images/logo.png)", "images/logo.png")]
    [InlineData("![Logo](https://concord.example.org/files/logo.png)", "https://concord.example.org/files/logo.png")]
    public void Images_from_this_site_are_kept(string markdown, string src)
    {
        Assert.Contains($"<img src=\"{src}\" alt=\"Logo\">", _renderer.ToHtml(markdown), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("![Tracker](https://evil.example/pixel.png)")]
    [InlineData("![Tracker](http://concord.example.org.evil.example/pixel.png)")]
    [InlineData("![Tracker](//evil.example/pixel.png)")]
    [InlineData("![Tracker](data:image/png;base64,iVBORw0KGgo=)")]
    public void Images_from_elsewhere_are_removed_leaving_their_alt_text(string markdown)
    {
        var html = _renderer.ToHtml(markdown);

        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("Tracker", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_backslash_in_an_image_path_is_encoded_and_stays_on_this_site()
    {
        Assert.Contains("src=\"/%5Cevil.example/pixel.png\"", _renderer.ToHtml("![x](/\\evil.example/pixel.png)"), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_site_origin_only_relative_images_are_kept()
    {
        var renderer = new MarkdownRenderer();

        Assert.Contains("<img", renderer.ToHtml("![a](/a.png)"), StringComparison.Ordinal);
        Assert.DoesNotContain("<img", renderer.ToHtml("![a](https://concord.example.org/a.png)"), StringComparison.Ordinal);
    }
}
