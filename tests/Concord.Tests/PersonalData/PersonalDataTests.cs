using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Accounts;
using Concord.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.PersonalData;

[Collection(AppCollection.Name)]
public sealed class PersonalDataTests(AppFixture fixture)
{
    [Theory, BothDatabases]
    public async Task A_person_downloads_what_concord_holds_about_them_and_the_download_is_audited(Db db)
    {
        var app = await fixture.ForAsync(db);
        var person = await ApiTestPeople.CreateAsync(app, name: "Sam Subject");

        var response = await person.Api.GetAsync("/api/v1/me/personal-data.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(person.Email, document.RootElement.GetProperty("about").GetProperty("email").GetString());
        var account = Assert.Single(document.RootElement.GetProperty("account").EnumerateArray());
        Assert.Equal("Sam Subject", account.GetProperty("name").GetString());
        Assert.True(account.GetProperty("twoStepVerification").GetBoolean());
        // The token the test signed in with is listed by name and prefix; its secret is never kept, so never exported.
        var token = Assert.Single(document.RootElement.GetProperty("apiTokens").EnumerateArray());
        Assert.False(token.TryGetProperty("tokenHash", out _));

        var zip = await person.Api.GetAsync("/api/v1/me/personal-data.zip");
        Assert.Equal(HttpStatusCode.OK, zip.StatusCode);
        using var archive = new ZipArchive(new MemoryStream(await zip.Content.ReadAsByteArrayAsync()));
        var csv = archive.GetEntry("account.csv");
        Assert.NotNull(csv);
        using var reader = new StreamReader(csv.Open());
        Assert.Contains(person.Email, await reader.ReadToEndAsync(), StringComparison.Ordinal);

        await app.WithDbAsync(async d =>
        {
            var audited = await d.Set<AuditEntry>().Where(a => a.Action == AuditActions.PersonalDataRead && a.SubjectId == person.Id).ToListAsync();
            Assert.Equal(2, audited.Count);
            Assert.All(audited, a => Assert.Equal(person.Id, a.ActorId));
        });
    }

    [Theory, BothDatabases]
    public async Task A_network_admin_can_answer_a_request_for_anyone_and_nobody_else_can(Db db)
    {
        var app = await fixture.ForAsync(db);
        var person = await ApiTestPeople.CreateAsync(app, name: "Ria Quester");
        var other = await ApiTestPeople.CreateAsync(app);
        var admin = await ApiTestPeople.CreateAsync(app, NetworkRole.NetworkAdmin);

        await ApiResponses.ProblemAsync(await other.Api.GetAsync($"/api/v1/accounts/{person.Id}/personal-data.json"), HttpStatusCode.Forbidden);
        await ApiResponses.ProblemAsync(await admin.Api.GetAsync($"/api/v1/accounts/{Guid.NewGuid()}/personal-data.json"), HttpStatusCode.NotFound);

        var response = await admin.Api.GetAsync($"/api/v1/accounts/{person.Id}/personal-data.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(person.Email, document.RootElement.GetProperty("about").GetProperty("email").GetString());

        await app.WithDbAsync(async d =>
        {
            var entry = await d.Set<AuditEntry>().SingleAsync(a => a.Action == AuditActions.PersonalDataRead && a.SubjectId == person.Id);
            Assert.Equal(admin.Id, entry.ActorId);
            Assert.Contains("network admin", entry.Details, StringComparison.Ordinal);
        });
    }

    [Theory, BothDatabases]
    public async Task The_page_offers_the_downloads_to_the_person_and_hides_other_accounts_from_everyone_but_network_admins(Db db)
    {
        var app = await fixture.ForAsync(db);
        var person = await app.CreateAccountAsync(name: "Pat Page");
        var other = await app.CreateAccountAsync();
        var browser = await app.SignInAsync(person);
        var page = await browser.GetAsync("/account/personal-data");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Your data", html, StringComparison.Ordinal);
        Assert.Contains("?handler=Zip", html, StringComparison.Ordinal);

        var download = await browser.GetAsync("/account/personal-data?handler=Json");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Contains(person.Email, await download.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/account/personal-data?account={other.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/account/personal-data?handler=Json&account={other.Id}")).StatusCode);
    }
}
