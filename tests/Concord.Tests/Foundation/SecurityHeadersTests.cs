using System.Text.RegularExpressions;
using Concord.Tests.Infrastructure;

namespace Concord.Tests.Foundation;

[Collection(AppCollection.Name)]
public sealed partial class SecurityHeadersTests(AppFixture fixture)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/api")]
    [InlineData("/api/v1/network")]
    [InlineData("/no/such/page")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var client = (await fixture.ForAsync(Db.Sqlite)).CreateClient();
        var response = await client.GetAsync(path);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", string.Join("", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", string.Join("", response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task Pages_contain_no_inline_script_and_load_nothing_from_other_sites()
    {
        var client = (await fixture.ForAsync(Db.Sqlite)).CreateClient();
        var html = await client.GetStringAsync("/");

        foreach (Match script in ScriptTag().Matches(html))
        {
            Assert.Matches("src=\"/", script.Value);
        }

        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
        Assert.Contains("lang=\"en-GB\"", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("<script[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();
}
