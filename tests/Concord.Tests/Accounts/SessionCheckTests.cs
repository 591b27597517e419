using System.Net;
using System.Text.RegularExpressions;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Accounts;
using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Concord.Tests.Accounts;

/// <summary>
/// A session cookie is checked against a per-process snapshot of the account that is read at most once per
/// <see cref="AccountSessionCache.Bound"/>: ordinary requests cost no query and send no cookie, changes saved in a process
/// reach its sessions at once, and changes saved in another process reach them within the bound.
/// </summary>
public sealed partial class SessionCheckTests
{
    private const string SessionCookie = "concord.session";

    [Theory, BothDatabases]
    public async Task A_signed_in_request_runs_no_query_and_sends_no_cookie_within_the_bound(Db db)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await ConcordFactory.CreateAsync(db, services: s =>
        {
            s.AddSingleton<TimeProvider>(time);
            RequestCommandLog.AddTo(s);
        });
        var log = app.Services.GetRequiredService<RequestCommandLog>();
        var person = await app.CreateAccountAsync();
        var client = WithCookie(app, await SessionCookieAsync(app, person));
        log.Take();

        // The first request reads the account's snapshot: one query, by primary key.
        var first = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False(first.Headers.Contains("Set-Cookie"));
        var read = Assert.Single(log.Take());
        Assert.Contains(AccountSnapshot.QueryTag, read, StringComparison.Ordinal);

        // Within the bound: no query, no cookie.
        for (var i = 0; i < 5; i++)
        {
            var next = await client.GetAsync("/health/live");
            Assert.Equal(HttpStatusCode.OK, next.StatusCode);
            Assert.False(next.Headers.Contains("Set-Cookie"));
            Assert.Empty(log.Take());
        }

        // A page runs its own queries (the account page reads the account) and nothing for the session.
        for (var i = 0; i < 2; i++)
        {
            var page = await client.GetAsync("/account");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Null(SetCookie(page, SessionCookie));
            var commands = log.Take();
            Assert.DoesNotContain(commands, c => c.Contains(AccountSnapshot.QueryTag, StringComparison.Ordinal));
            Assert.Single(commands);
        }

        // Once the bound has passed the snapshot is read again, once; the cookie still is not re-issued.
        time.Advance(AccountSessionCache.Bound);
        var later = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.False(later.Headers.Contains("Set-Cookie"));
        Assert.Contains(AccountSnapshot.QueryTag, Assert.Single(log.Take()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Empty(log.Take());
    }

    [Theory, BothDatabases]
    public async Task Changes_saved_in_this_process_reach_its_sessions_at_once(Db db)
    {
        await using var app = await ConcordFactory.CreateAsync(db);
        var admin = await app.CreateAccountAsync(role: NetworkRole.NetworkAdmin);
        var adminClient = await app.SignInAsync(admin);
        var coordinator = await app.CreateAccountAsync(twoFactor: true);
        var member = await app.CreateAccountAsync();
        var organisation = await app.CreateOrganisationAsync(null, (coordinator, OrganisationRole.Staff), (member, OrganisationRole.Staff));
        var partnership = await app.CreatePartnershipAsync(organisation, (coordinator, PartnershipRole.Coordinator), (member, PartnershipRole.Staff));

        // Made a coordinator: the next request carries the new claim (the cookie is re-issued once) and must set up two-step verification.
        var memberSession = WithCookie(app, await SessionCookieAsync(app, member));
        Assert.Equal(HttpStatusCode.OK, (await memberSession.GetAsync("/account")).StatusCode);
        var coordinatorClient = await app.SignInAsync(coordinator);
        var promoted = await coordinatorClient.PostFormAsync($"/partnerships/{partnership.Id}/people?handler=Role",
            new() { ["accountId"] = member.Id.ToString(), ["role"] = nameof(PartnershipRole.Coordinator) }, formPage: $"/partnerships/{partnership.Id}");
        Assert.Equal(HttpStatusCode.Redirect, promoted.StatusCode);
        var renewed = await memberSession.GetAsync("/account");
        AssertSentToTwoFactorSetUp(renewed);
        var newCookie = SetCookie(renewed, SessionCookie);
        Assert.False(string.IsNullOrEmpty(newCookie));
        var withNewCookie = WithCookie(app, newCookie);
        var again = await withNewCookie.GetAsync("/account");
        AssertSentToTwoFactorSetUp(again);
        Assert.Null(SetCookie(again, SessionCookie));
        Assert.Equal(HttpStatusCode.OK, (await withNewCookie.GetAsync("/account/two-factor")).StatusCode);

        // A network role change ends the person's sessions.
        var learner = await app.CreateAccountAsync();
        var learnerSession = WithCookie(app, await SessionCookieAsync(app, learner));
        Assert.Equal(HttpStatusCode.OK, (await learnerSession.GetAsync("/account")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await learnerSession.GetAsync("/guidance/new")).StatusCode);
        var changed = await adminClient.PostFormAsync("/admin/accounts?handler=Role",
            new() { ["accountId"] = learner.Id.ToString(), ["role"] = nameof(NetworkRole.LearningTeam) }, formPage: "/admin/accounts");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        AssertSignedOut(await learnerSession.GetAsync("/account"));
        var relearned = WithCookie(app, await SessionCookieAsync(app, learner));
        Assert.Equal(HttpStatusCode.OK, (await relearned.GetAsync("/guidance/new")).StatusCode);

        // Deactivated, the session ends; reactivated, the person signs in and works again straight away.
        var leaver = await app.CreateAccountAsync();
        var leaverSession = WithCookie(app, await SessionCookieAsync(app, leaver));
        Assert.Equal(HttpStatusCode.OK, (await leaverSession.GetAsync("/account")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await adminClient.PostFormAsync("/admin/accounts?handler=Deactivate",
            new() { ["accountId"] = leaver.Id.ToString() }, formPage: "/admin/accounts")).StatusCode);
        AssertSignedOut(await leaverSession.GetAsync("/account"));
        Assert.Equal(HttpStatusCode.Redirect, (await adminClient.PostFormAsync("/admin/accounts?handler=Reactivate",
            new() { ["accountId"] = leaver.Id.ToString() }, formPage: "/admin/accounts")).StatusCode);
        var back = WithCookie(app, await SessionCookieAsync(app, leaver));
        Assert.Equal(HttpStatusCode.OK, (await back.GetAsync("/account")).StatusCode);
    }

    [Fact]
    public async Task Two_processes_on_one_PostgreSQL_database_see_each_others_changes_within_the_bound()
    {
        var timeA = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var timeB = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var a = await ConcordFactory.CreateAsync(Db.Postgres, services: s => s.AddSingleton<TimeProvider>(timeA));
        var admin = await a.CreateAccountAsync(role: NetworkRole.NetworkAdmin);
        // Signing in on A makes the data-protection key (kept in the database) before B starts, as in a running network.
        var adminOnA = await a.SignInAsync(admin);
        await using var b = a.SecondProcess(s => s.AddSingleton<TimeProvider>(timeB));

        // Each scenario: a session signed in on A is used on B; the change is made on A; A refuses the cookie at once,
        // B goes on accepting it from its snapshot until the bound has passed on B's clock, then refuses it.
        async Task ScenarioAsync(TestAccount person, Func<Task> change)
        {
            var cookie = await SessionCookieAsync(a, person);
            var onA = WithCookie(a, cookie);
            var onB = WithCookie(b, cookie);
            Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/account")).StatusCode);

            await change();

            AssertSignedOut(await onA.GetAsync("/account"));
            timeB.Advance(AccountSessionCache.Bound - TimeSpan.FromSeconds(1));
            Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/account")).StatusCode);
            timeB.Advance(TimeSpan.FromSeconds(1));
            AssertSignedOut(await onB.GetAsync("/account"));
        }

        // Sign out everywhere, from another session of the person's on A.
        var traveller = await a.CreateAccountAsync();
        await ScenarioAsync(traveller, async () =>
        {
            var laptop = await a.SignInAsync(traveller);
            var done = await laptop.PostFormAsync("/account?handler=SignOutEverywhere", new(), formPage: "/account");
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        });

        // Deactivation by a network admin on A.
        var leaver = await a.CreateAccountAsync();
        await ScenarioAsync(leaver, async () =>
            Assert.Equal(HttpStatusCode.Redirect, (await adminOnA.PostFormAsync("/admin/accounts?handler=Deactivate",
                new() { ["accountId"] = leaver.Id.ToString() }, formPage: "/admin/accounts")).StatusCode));

        // A network role change on A (it renews the security stamp, so the person signs in again with the new role).
        var learner = await a.CreateAccountAsync();
        await ScenarioAsync(learner, async () =>
            Assert.Equal(HttpStatusCode.Redirect, (await adminOnA.PostFormAsync("/admin/accounts?handler=Role",
                new() { ["accountId"] = learner.Id.ToString(), ["role"] = nameof(NetworkRole.LearningTeam) }, formPage: "/admin/accounts")).StatusCode));

        // Made a coordinator on A: B carries on with the old claims until the bound, then re-issues the cookie with the
        // new ones and sends the person to set up two-step verification.
        var coordinator = await a.CreateAccountAsync(twoFactor: true);
        var member = await a.CreateAccountAsync();
        var organisation = await a.CreateOrganisationAsync(null, (coordinator, OrganisationRole.Staff), (member, OrganisationRole.Staff));
        var partnership = await a.CreatePartnershipAsync(organisation, (coordinator, PartnershipRole.Coordinator), (member, PartnershipRole.Staff));
        var memberCookie = await SessionCookieAsync(a, member);
        var memberOnA = WithCookie(a, memberCookie);
        var memberOnB = WithCookie(b, memberCookie);
        Assert.Equal(HttpStatusCode.OK, (await memberOnB.GetAsync("/account")).StatusCode);
        var coordinatorOnA = await a.SignInAsync(coordinator);
        Assert.Equal(HttpStatusCode.Redirect, (await coordinatorOnA.PostFormAsync($"/partnerships/{partnership.Id}/people?handler=Role",
            new() { ["accountId"] = member.Id.ToString(), ["role"] = nameof(PartnershipRole.Coordinator) }, formPage: $"/partnerships/{partnership.Id}")).StatusCode);
        AssertSentToTwoFactorSetUp(await memberOnA.GetAsync("/account"));
        timeB.Advance(AccountSessionCache.Bound - TimeSpan.FromSeconds(1));
        var before = await memberOnB.GetAsync("/account");
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Null(SetCookie(before, SessionCookie));
        timeB.Advance(TimeSpan.FromSeconds(1));
        var after = await memberOnB.GetAsync("/account");
        AssertSentToTwoFactorSetUp(after);
        Assert.False(string.IsNullOrEmpty(SetCookie(after, SessionCookie)));
    }

    /// <summary>Signs in through the sign-in page without a cookie container and returns the session cookie's value.</summary>
    private static async Task<string> SessionCookieAsync(ConcordFactory app, TestAccount person)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var form = await client.GetAsync("/account/sign-in");
        var token = AntiforgeryToken().Match(await form.Content.ReadAsStringAsync());
        Assert.True(token.Success, "No antiforgery token on the sign-in page");
        var request = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = person.Email,
                ["Input.Password"] = person.Password,
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            }),
        };
        request.Headers.Add("Cookie", $"concord.af={SetCookie(form, "concord.af")}");
        var signedIn = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = SetCookie(signedIn, SessionCookie);
        Assert.False(string.IsNullOrEmpty(cookie), "Signing in set no session cookie");
        return cookie;
    }

    /// <summary>A client that sends this session cookie on every request and ignores any cookie it is sent.</summary>
    private static HttpClient WithCookie(ConcordFactory app, string cookie)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", $"{SessionCookie}={cookie}");
        return client;
    }

    /// <summary>The value a response sets for the cookie (empty when it deletes it), or null when it does not mention it.</summary>
    private static string? SetCookie(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Where(v => v.StartsWith(name + "=", StringComparison.Ordinal))
                .Select(v => v[(name.Length + 1)..].Split(';')[0])
                .LastOrDefault()
            : null;

    private static void AssertSignedOut(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.Headers.Location?.PathAndQuery() ?? "", StringComparison.Ordinal);
        Assert.Equal("", SetCookie(response, SessionCookie));
    }

    private static void AssertSentToTwoFactorSetUp(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/two-factor?required=1", response.Headers.Location?.OriginalString);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

internal static class UriPaths
{
    /// <summary>The path and query of a redirect, whether the server sent it absolute or relative.</summary>
    public static string PathAndQuery(this Uri uri) => uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
}
