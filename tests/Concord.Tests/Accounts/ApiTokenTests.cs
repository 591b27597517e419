using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Accounts;

[Collection(AppCollection.Name)]
public sealed class ApiTokenTests(AppFixture fixture)
{
    [Fact]
    public async Task A_token_request_with_bad_input_gets_a_clear_problem()
    {
        var app = await fixture.ForAsync(Db.Sqlite);
        var client = app.CreateClient();

        var missing = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = "not-an-address" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        var errors = (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("password", out _));

        var malformed = await client.PostAsync("/api/v1/auth/token", new StringContent("{\"email\": ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
        Assert.Equal("The request body is not valid JSON", (await malformed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());

        var wrongType = await client.PostAsync("/api/v1/auth/token", new StringContent("email=a@b.example", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        Assert.Equal("application/problem+json", wrongType.Content.Headers.ContentType?.MediaType);

        var refused = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = TestPeople.UniqueEmail(), password = "whatever it is" });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }

    [Theory, BothDatabases]
    public async Task Api_without_a_token_is_401_and_with_one_knows_who_you_are(Db db)
    {
        var app = await fixture.ForAsync(db);
        var person = await app.CreateAccountAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/me")).StatusCode);

        // A browser session cookie is not an API credential.
        var browser = await app.SignInAsync(person);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me")).StatusCode);

        var api = await app.ApiAsync(person);
        var me = await api.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal(person.Email, me.GetProperty("email").GetString());
    }

    [Theory, BothDatabases]
    public async Task Personal_tokens_are_hashed_scoped_and_revocable(Db db)
    {
        var app = await fixture.ForAsync(db);
        var person = await app.CreateAccountAsync();
        var api = await app.ApiAsync(person);

        var created = await api.PostAsJsonAsync("/api/v1/me/tokens", new { name = "Report sheet", scope = "Read", days = 30 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var secret = body.GetProperty("secret").GetString()!;
        var id = body.GetProperty("token").GetProperty("id").GetGuid();

        var stored = await app.WithDbAsync(d => d.Set<ApiToken>().SingleAsync(t => t.Id == id));
        Assert.NotEqual(secret, stored.TokenHash);
        Assert.DoesNotContain(secret, stored.TokenHash, StringComparison.Ordinal);

        var readOnly = app.CreateClient();
        readOnly.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await readOnly.GetAsync("/api/v1/me")).StatusCode);
        var write = await readOnly.PostAsJsonAsync("/api/v1/me/tokens", new { name = "Sneaky", scope = "ReadWrite" });
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal("application/problem+json", write.Content.Headers.ContentType?.MediaType);

        var unknownScope = await api.PostAsJsonAsync("/api/v1/me/tokens", new { name = "Odd", scope = "Everything" });
        Assert.Equal(HttpStatusCode.BadRequest, unknownScope.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/me/tokens/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await readOnly.GetAsync("/api/v1/me")).StatusCode);

        // Another person cannot see or revoke it.
        var other = await app.ApiAsync(await app.CreateAccountAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/v1/me/tokens/{id}")).StatusCode);
        var theirs = await other.GetFromJsonAsync<JsonElement>("/api/v1/me/tokens");
        Assert.Equal(0, theirs.GetArrayLength());
    }

    [Theory, BothDatabases]
    public async Task Personal_tokens_are_created_and_revoked_on_the_account_page(Db db)
    {
        var app = await fixture.ForAsync(db);
        var person = await app.CreateAccountAsync();
        var client = await app.SignInAsync(person);

        var empty = await client.PostFormAsync("/account/tokens", new() { ["Input.Name"] = "", ["Input.Scope"] = "Read", ["Input.Days"] = "30" });
        Assert.Contains("Enter a name for the token", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var made = await client.PostFormAsync("/account/tokens", new() { ["Input.Name"] = "Spreadsheet", ["Input.Scope"] = "ReadWrite", ["Input.Days"] = "90" });
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var page = await (await client.GetAsync("/account/tokens")).Content.ReadAsStringAsync();
        var secret = System.Text.RegularExpressions.Regex.Match(page, "data-testid=\"new-token\">(cnd_[^<]+)<").Groups[1].Value;
        Assert.StartsWith("cnd_", secret, StringComparison.Ordinal);
        var again = await (await client.GetAsync("/account/tokens")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(secret, again, StringComparison.Ordinal);

        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode);
    }
}
