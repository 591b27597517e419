using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Accounts;
using Concord.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Accounts;

[Collection(AppCollection.Name)]
public sealed partial class SignInTests(AppFixture fixture)
{
    [Theory, BothDatabases]
    public async Task A_wrong_password_is_refused_and_both_attempts_are_audited(Db db)
    {
        var app = await fixture.ForAsync(db);
        var person = await app.CreateAccountAsync();
        var client = app.Browser();

        var wrong = await client.PostFormAsync("/account/sign-in", new() { ["Input.Email"] = person.Email, ["Input.Password"] = "not my password at all" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Enter a correct e-mail address and password", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/account")).StatusCode);

        var signedIn = await app.SignInAsync(person);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/account")).StatusCode);

        var actions = await app.WithDbAsync(d => d.Set<AuditEntry>().Where(a => a.ActorId == person.Id).Select(a => a.Action).ToListAsync());
        Assert.Contains(AuditActions.SignInFailed, actions);
        Assert.Contains(AuditActions.SignInSucceeded, actions);
    }

    [Theory, BothDatabases]
    public async Task Ten_wrong_passwords_lock_the_account_even_against_the_right_one(Db db)
    {
        var app = await fixture.ForAsync(db);
        var person = await app.CreateAccountAsync();
        var client = app.Browser();
        for (var i = 0; i < 10; i++)
        {
            await client.PostFormAsync("/account/sign-in", new() { ["Input.Email"] = person.Email, ["Input.Password"] = $"wrong guess number {i}" });
        }

        var right = await client.PostFormAsync("/account/sign-in", new() { ["Input.Email"] = person.Email, ["Input.Password"] = person.Password });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("Your account is locked for 5 minutes", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var api = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = person.Email, password = person.Password });
        Assert.Equal((HttpStatusCode)423, api.StatusCode);
        Assert.True(await app.WithDbAsync(d => d.Set<AuditEntry>().AnyAsync(a => a.ActorId == person.Id && a.Action == AuditActions.SignInLockedOut)));
    }

    [Theory, BothDatabases]
    public async Task Two_step_verification_asks_for_a_code_and_a_recovery_code_works_once(Db db)
    {
        var app = await fixture.ForAsync(db);
        var person = await app.CreateAccountAsync(twoFactor: false);
        var client = await app.SignInAsync(person);

        // Enrol: the page shows the key; the right code turns it on and shows recovery codes once.
        var setup = await (await client.GetAsync("/account/two-factor")).Content.ReadAsStringAsync();
        var key = KeyOnPage().Match(setup).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var enrolled = person with { AuthenticatorKey = key };
        var wrongCode = await client.PostFormAsync("/account/two-factor", new() { ["Input.Code"] = "000000" });
        Assert.Contains("That code is not right", await wrongCode.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var on = await client.PostFormAsync("/account/two-factor", new() { ["Input.Code"] = enrolled.Code() });
        Assert.Equal("/account/two-factor/recovery-codes", on.Headers.Location?.OriginalString);
        var codesPage = await (await client.GetAsync("/account/two-factor/recovery-codes")).Content.ReadAsStringAsync();
        var codes = RecoveryCode().Matches(codesPage).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, codes.Count);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/account/two-factor/recovery-codes")).StatusCode);

        // Signing in now needs the code.
        var fresh = app.Browser();
        var first = await fresh.PostFormAsync("/account/sign-in", new() { ["Input.Email"] = person.Email, ["Input.Password"] = person.Password });
        Assert.StartsWith("/account/sign-in/two-factor", first.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.GetAsync("/account")).StatusCode);
        var withCode = await fresh.PostFormAsync("/account/sign-in/two-factor", new() { ["Input.Code"] = enrolled.Code() });
        Assert.Equal(HttpStatusCode.Redirect, withCode.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/account")).StatusCode);

        // A recovery code works once.
        async Task<HttpResponseMessage> WithRecoveryCode(string code)
        {
            var c = app.Browser();
            await c.PostFormAsync("/account/sign-in", new() { ["Input.Email"] = person.Email, ["Input.Password"] = person.Password });
            return await c.PostFormAsync("/account/sign-in/recovery-code", new() { ["Input.Code"] = code });
        }

        Assert.Equal(HttpStatusCode.Redirect, (await WithRecoveryCode(codes[0])).StatusCode);
        var reused = await WithRecoveryCode(codes[0]);
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains("already been used", await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The API wants the code too.
        var noCode = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = person.Email, password = person.Password });
        Assert.Equal(HttpStatusCode.BadRequest, noCode.StatusCode);
        Assert.True((await noCode.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("code", out _));
        Assert.Equal(HttpStatusCode.OK, (await (await app.ApiAsync(enrolled)).GetAsync("/api/v1/me")).StatusCode);
    }

    [Theory, BothDatabases]
    public async Task Coordinators_must_set_up_two_step_verification_before_using_concord(Db db)
    {
        var app = await fixture.ForAsync(db);
        var coordinator = await app.CreateAccountAsync();
        var organisation = await app.CreateOrganisationAsync(null, (coordinator, Concord.Web.Features.Organisations.OrganisationRole.Staff));
        await app.CreatePartnershipAsync(organisation, (coordinator, Concord.Web.Features.Partnerships.PartnershipRole.Coordinator));

        var client = await app.SignInAsync(coordinator);
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/account/two-factor", home.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/two-factor")).StatusCode);
    }

    [Theory, BothDatabases]
    public async Task A_forgotten_password_is_reset_through_a_link_sent_by_email(Db db)
    {
        var app = await fixture.ForAsync(db);
        var person = await app.CreateAccountAsync();
        var client = app.Browser();

        var asked = await client.PostFormAsync("/account/forgot-password", new() { ["Input.Email"] = person.Email });
        Assert.Contains("Check your e-mail", await asked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unknown = await client.PostFormAsync("/account/forgot-password", new() { ["Input.Email"] = TestPeople.UniqueEmail("nobody") });
        Assert.Contains("Check your e-mail", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var mail = await SmtpTestServer.Instance.WaitForMessageAsync(person.Email, "Reset your Concord password");
        var link = new Uri(ResetLink().Match(mail.TextBody ?? "").Value);
        var form = await client.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query);
        var reset = await client.PostFormAsync(link.PathAndQuery, new()
        {
            ["email"] = query["email"]!,
            ["code"] = query["code"]!,
            ["Input.Password"] = "a brand new river walk",
            ["Input.ConfirmPassword"] = "a brand new river walk",
        });
        Assert.Equal("/account/sign-in", reset.Headers.Location?.OriginalString);

        await app.SignInAsync(person with { Password = "a brand new river walk" });
        var old = await app.Browser().PostFormAsync("/account/sign-in", new() { ["Input.Email"] = person.Email, ["Input.Password"] = person.Password });
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);

        // The link works once.
        var again = await client.PostFormAsync(link.PathAndQuery, new()
        {
            ["email"] = query["email"]!,
            ["code"] = query["code"]!,
            ["Input.Password"] = "yet another long phrase",
            ["Input.ConfirmPassword"] = "yet another long phrase",
        });
        Assert.Contains("expired or has already been used", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task Sign_out_everywhere_ends_every_browser_session_and_api_session(Db db)
    {
        var app = await fixture.ForAsync(db);
        var person = await app.CreateAccountAsync();
        var laptop = await app.SignInAsync(person);
        var phone = await app.SignInAsync(person);
        var api = await app.ApiAsync(person);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/account")).StatusCode);

        var done = await laptop.PostFormAsync("/account?handler=SignOutEverywhere", new(), formPage: "/account");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync("/account")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await laptop.GetAsync("/account")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync(person)).GetAsync("/account")).StatusCode);
    }

    [Theory, BothDatabases]
    public async Task Deactivating_a_person_ends_their_sessions_at_once(Db db)
    {
        var app = await fixture.ForAsync(db);
        var admin = await app.CreateAccountAsync(role: NetworkRole.NetworkAdmin);
        var person = await app.CreateAccountAsync();
        var session = await app.SignInAsync(person);
        var api = await app.ApiAsync(person);
        var adminClient = await app.SignInAsync(admin);

        var done = await adminClient.PostFormAsync("/admin/accounts?handler=Deactivate", new() { ["accountId"] = person.Id.ToString() }, formPage: "/admin/accounts");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/account")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me")).StatusCode);
        var again = await app.Browser().PostFormAsync("/account/sign-in", new() { ["Input.Email"] = person.Email, ["Input.Password"] = person.Password });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True(await app.WithDbAsync(d => d.Set<AuditEntry>().AnyAsync(a => a.SubjectId == person.Id && a.Action == AuditActions.AccountDeactivated)));
    }

    [Fact]
    public async Task Failed_token_requests_are_rate_limited()
    {
        await using var app = await ConcordFactory.CreateAsync(Db.Sqlite, settings: new Dictionary<string, string?> { ["RateLimits:sign-in-failures-account"] = "3" });
        var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/v1/auth/token", new { email = "x@test.example", password = "nothing here" })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        var limited = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = "x@test.example", password = "nothing here" });
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
    }

    [GeneratedRegex("data-testid=\"authenticator-key\">([a-z0-9 ]+)<")]
    private static partial Regex KeyOnPage();

    [GeneratedRegex("<li><code>([^<]+)</code></li>")]
    private static partial Regex RecoveryCode();

    [GeneratedRegex(@"https?://\S+/account/reset-password\S+")]
    private static partial Regex ResetLink();
}
