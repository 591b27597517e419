using System.Net;
using System.Text.RegularExpressions;
using Concord.Web.Features.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Concord.Tests.Infrastructure;

/// <summary>
/// Browser-like clients for page tests: the person's real sign-in cookie (the principal the app itself builds,
/// protected with the app's cookie format), cookies kept between requests, redirects not followed.
/// Two-step verification is marked as set up, so coordinators and network admins are not sent to set it up.
/// </summary>
public static partial class PageTestPeople
{
    public static async Task<HttpClient> SignInAsync(ConcordFactory app, ApiPerson person)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var account = await users.FindByIdAsync(person.Id.ToString()) ?? throw new InvalidOperationException("No such account.");
        if (!account.TwoFactorEnabled)
        {
            account.TwoFactorEnabled = true;
            await users.UpdateAsync(account);
        }

        var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<Account>>();
        var principal = await factory.CreateAsync(account);
        var options = scope.ServiceProvider.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { IssuedUtc = DateTimeOffset.UtcNow }, IdentityConstants.ApplicationScheme);
        var cookies = new CookieContainer();
        cookies.Add(new Uri("http://localhost"), new Cookie("concord.session", options.TicketDataFormat.Protect(ticket)));
        return app.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));
    }

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
