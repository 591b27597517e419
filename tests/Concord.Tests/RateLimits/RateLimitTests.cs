using System.Net;
using System.Net.Http.Json;
using System.Text;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Accounts;
using Concord.Web.Features.Lessons;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.RateLimits;

/// <summary>
/// A room of people sharing one address (a networking day's Wi-Fi, an office router) is never locked out by opening pages
/// or signing in; only failed sign-ins (per account and per address) and sending forms are counted.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class RateLimitTests(AppFixture fixture)
{
    /// <summary>The app's own limits, not the generous ones other tests run with.</summary>
    private static Dictionary<string, string?> RealLimits(params (string Key, string Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["RateLimits:sign-in"] = null,
            ["RateLimits:invitations"] = null,
            ["RateLimits:public-form"] = null,
            ["RateLimits:sign-in-failures-account"] = null,
            ["RateLimits:sign-in-failures-address"] = null,
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return settings;
    }

    [Fact]
    public async Task Thirty_people_opening_the_event_form_and_the_sign_in_page_from_one_address_are_never_refused()
    {
        // Even with tiny POST limits, page views do not count.
        await using var app = await ConcordFactory.CreateAsync(Db.Sqlite, settings: RealLimits(("RateLimits:public-form", "2"), ("RateLimits:sign-in", "2")));
        await app.WithDbAsync(async d =>
        {
            d.Add(new LessonCollectionLink { Name = "Networking day", Token = "networking-day", ClosesAt = DateTimeOffset.UtcNow.AddDays(1), CreatedAt = DateTimeOffset.UtcNow });
            await d.SaveChangesAsync();
        });
        for (var person = 0; person < 30; person++)
        {
            var browser = app.Browser();
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/lessons/collect/networking-day")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account/sign-in")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account/forgot-password")).StatusCode);
        }
    }

    [Fact]
    public async Task Successful_sign_ins_never_use_up_the_budget()
    {
        await using var app = await ConcordFactory.CreateAsync(Db.Sqlite,
            settings: RealLimits(("RateLimits:sign-in-failures-address", "2"), ("RateLimits:sign-in-failures-account", "2")));
        var person = await app.CreateAccountAsync();
        for (var i = 0; i < 8; i++)
        {
            await app.SignInAsync(person);
            await app.ApiAsync(person);
        }
    }

    [Theory, BothDatabases]
    public async Task Eleven_failed_sign_ins_refuse_that_account_but_not_another_from_the_same_address(Db db)
    {
        await using var app = await ConcordFactory.CreateAsync(db, settings: RealLimits());
        var person = await app.CreateAccountAsync();
        var colleague = await app.CreateAccountAsync();
        var browser = app.Browser();
        for (var i = 0; i < 10; i++)
        {
            var wrong = await browser.PostFormAsync("/account/sign-in", new() { ["Input.Email"] = person.Email, ["Input.Password"] = $"wrong guess {i}" });
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        var refused = await browser.PostFormAsync("/account/sign-in", new() { ["Input.Email"] = person.Email, ["Input.Password"] = person.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        AssertRetryAfter(refused);
        var words = await refused.Content.ReadAsStringAsync();
        Assert.Matches(@"Try again in 1[45] minutes\.", words);

        // The API token route counts with the same failures.
        var api = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = person.Email, password = person.Password });
        var problem = await ProblemAsync(api, HttpStatusCode.TooManyRequests);
        AssertRetryAfter(api);
        Assert.Matches(@"Try again in 1[45] minutes\.", problem.GetProperty("detail").GetString());

        // Someone else at the same address signs in as usual, on the page and for a token.
        await app.SignInAsync(colleague);
        await app.ApiAsync(colleague);
    }

    [Fact]
    public async Task Failed_sign_ins_from_one_address_are_limited_across_accounts()
    {
        await using var app = await ConcordFactory.CreateAsync(Db.Sqlite, settings: RealLimits(("RateLimits:sign-in-failures-address", "3")));
        var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/v1/auth/token", new { email = TestPeople.UniqueEmail(), password = "nothing here" })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        var page = await app.Browser().PostFormAsync("/account/sign-in", new() { ["Input.Email"] = TestPeople.UniqueEmail(), ["Input.Password"] = "nothing here" });
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Contains("Too many attempts from here. Try again in 15 minutes.", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_form_page_says_when_to_try_again()
    {
        await using var app = await ConcordFactory.CreateAsync(Db.Sqlite, settings: RealLimits(("RateLimits:sign-in", "1")));
        var browser = app.Browser();
        await browser.PostFormAsync("/account/forgot-password", new() { ["Input.Email"] = TestPeople.UniqueEmail() });
        var refused = await browser.PostFormAsync("/account/forgot-password", new() { ["Input.Email"] = TestPeople.UniqueEmail() });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        AssertRetryAfter(refused);
        Assert.Matches(@"Too many attempts from here\. Try again in 1[45] minutes\.", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_refused_api_request_is_a_problem_that_says_when_to_try_again()
    {
        await using var app = await ConcordFactory.CreateAsync(Db.Sqlite, settings: RealLimits(("RateLimits:invitations", "1")));
        var client = app.CreateClient();
        var url = $"/api/v1/organisations/{Guid.NewGuid()}/invitations";
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.PostAsJsonAsync(url, new { email = TestPeople.UniqueEmail(), role = "Staff" })).StatusCode);
        var refused = await client.PostAsJsonAsync(url, new { email = TestPeople.UniqueEmail(), role = "Staff" });
        var problem = await ProblemAsync(refused, HttpStatusCode.TooManyRequests);
        AssertRetryAfter(refused);
        Assert.Matches(@"^Too many attempts from here\. Try again in (9|10) minutes\.$", problem.GetProperty("detail").GetString());
        // Reading is never limited.
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task The_token_and_your_account_are_never_stored_by_caches()
    {
        var app = await fixture.ForAsync(Db.Sqlite);
        var person = await app.CreateAccountAsync();
        var token = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = person.Email, password = person.Password });
        await JsonAsync(token, HttpStatusCode.OK);
        Assert.True(token.Headers.CacheControl?.NoStore, "the token response must carry Cache-Control: no-store");
        var wrong = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = person.Email, password = "not the password" });
        Assert.True(wrong.Headers.CacheControl?.NoStore);

        var api = await app.ApiAsync(person);
        var me = await api.GetAsync("/api/v1/me");
        await JsonAsync(me, HttpStatusCode.OK);
        Assert.True(me.Headers.CacheControl?.NoStore, "/api/v1/me must carry Cache-Control: no-store");
        Assert.True((await api.GetAsync("/api/v1/me/tokens")).Headers.CacheControl?.NoStore);
    }

    [Theory, BothDatabases]
    public async Task Text_containing_U0000_is_refused_and_nothing_is_stored(Db db)
    {
        var app = await fixture.ForAsync(db);
        var person = await app.CreateAccountAsync();

        var api = await app.ApiAsync(person);
        var json = await api.PostAsync("/api/v1/me/tokens",
            new StringContent("{\"name\":\"Report\\u0000sheet\",\"scope\":\"Read\"}", Encoding.UTF8, "application/json"));
        var problem = await ProblemAsync(json, HttpStatusCode.BadRequest);
        Assert.Contains("U+0000", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // The same body without it is accepted: only the character is refused.
        await JsonAsync(await api.PostAsJsonAsync("/api/v1/me/tokens", new { name = "Report sheet", scope = "Read" }), HttpStatusCode.Created);

        var browser = await app.SignInAsync(person);
        var form = await browser.PostFormAsync("/account/tokens", new() { ["Input.Name"] = "Spread\0sheet", ["Input.Scope"] = "Read", ["Input.Days"] = "30" });
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        Assert.Contains("U+0000", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A multipart form is checked the same way.
        var formPage = await (await browser.GetAsync("/account/tokens")).Content.ReadAsStringAsync();
        var antiforgery = System.Text.RegularExpressions.Regex.Match(formPage, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        MultipartFormDataContent Multipart(string name) => new()
        {
            { new StringContent(name), "Input.Name" },
            { new StringContent("Read"), "Input.Scope" },
            { new StringContent("30"), "Input.Days" },
            { new StringContent(WebUtility.HtmlDecode(antiforgery)), "__RequestVerificationToken" },
        };
        var refusedMultipart = await browser.PostAsync("/account/tokens", Multipart("Multi\0part"));
        Assert.Equal(HttpStatusCode.BadRequest, refusedMultipart.StatusCode);
        Assert.Contains("U+0000", await refusedMultipart.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.BadRequest, (await browser.PostAsync("/account/tokens", Multipart("Multipart sheet"))).StatusCode);

        var names = await app.WithDbAsync(d => d.Set<ApiToken>().Where(t => t.AccountId == person.Id && t.Kind == ApiTokenKind.Personal).Select(t => t.Name).ToListAsync());
        Assert.Equal(["Multipart sheet", "Report sheet"], names.Order());
    }

    private static void AssertRetryAfter(HttpResponseMessage response)
    {
        var seconds = response.Headers.RetryAfter?.Delta?.TotalSeconds;
        Assert.True(seconds is > 0 and <= 15 * 60, $"Retry-After should be a wait of up to 15 minutes, was {response.Headers.RetryAfter}");
    }
}
