using System.Net;
using System.Text.RegularExpressions;

namespace Concord.Tests.Infrastructure;

/// <summary>Page tests: a person signed in through the real sign-in and code pages, and forms posted as a browser would.</summary>
public static partial class PageTestPeople
{
    public static Task<HttpClient> SignInAsync(ConcordFactory app, ApiPerson person) => app.SignInAsync(person.Account);

    /// <summary>Reads the antiforgery token from a page's form, as a browser would submit it.</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        var match = TokenInput().Match(html);
        if (!match.Success)
        {
            match = TokenMeta().Match(html);
        }

        Assert.True(match.Success, $"No antiforgery token on {url} ({(int)response.StatusCode})");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>A page's Forbid() sends the person to the friendly "You cannot do that" page (403).</summary>
    public static void AssertForbidden(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/error/403", response.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
    }

    /// <summary>A form that succeeded redirects (post-redirect-get); on failure the message shows the page's error summary.</summary>
    public static async Task AssertRedirectAsync(Task<HttpResponseMessage> request)
    {
        var response = await request;
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var html = await response.Content.ReadAsStringAsync();
            var start = html.IndexOf("error-summary", StringComparison.Ordinal);
            Assert.Fail($"Expected a redirect, got {(int)response.StatusCode}: {(start < 0 ? html[..Math.Min(500, html.Length)] : html[start..Math.Min(start + 800, html.Length)])}");
        }
    }

    public static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string token, params (string Name, string Value)[] fields)
    {
        var all = fields.Append(("__RequestVerificationToken", token)).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2));
        return client.PostAsync(url, new FormUrlEncodedContent(all));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();

    [GeneratedRegex("<meta name=\"request-verification-token\" content=\"([^\"]+)\"")]
    private static partial Regex TokenMeta();
}
