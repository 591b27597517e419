using System.Net;
using System.Text;
using System.Text.Json;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Accounts;
using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Tests.Foundation;

/// <summary>
/// Issue 10, the API contract: what the OpenAPI document says about bodies and errors, and that the running API keeps to
/// it — every error is an RFC 9457 problem whose status the document lists, binding errors are plain words, every list
/// refuses a page past any list, and cookies are Secure behind a trusted HTTPS proxy.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class OpenApiContractTests(AppFixture fixture)
{
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    private async Task<JsonElement> DocumentAsync(ConcordFactory app) =>
        JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;

    private static JsonElement Schema(JsonElement doc, string name) => doc.GetProperty("components").GetProperty("schemas").GetProperty(name);

    private static HashSet<string> Required(JsonElement schema) =>
        schema.TryGetProperty("required", out var required) ? required.EnumerateArray().Select(r => r.GetString()!).ToHashSet() : [];

    [Fact]
    public async Task Request_schemas_say_what_is_optional_with_enums_as_words_and_the_limits_the_code_enforces()
    {
        var doc = await DocumentAsync(await fixture.ForAsync(Db.Sqlite));

        var token = Schema(doc, "TokenRequest");
        Assert.Equal(["email", "password"], Required(token).Order());

        var newToken = Schema(doc, "NewPersonalToken");
        Assert.Equal(["name"], Required(newToken).ToArray());
        Assert.Equal(100, newToken.GetProperty("properties").GetProperty("name").GetProperty("maxLength").GetInt32());
        var days = newToken.GetProperty("properties").GetProperty("days");
        Assert.Equal(1, days.GetProperty("minimum").GetInt32());
        Assert.Equal(366, days.GetProperty("maximum").GetInt32());
        Assert.Contains("ReadWrite", newToken.GetProperty("properties").GetProperty("scope").GetProperty("enum").EnumerateArray().Select(v => v.ToString()));

        // Lessons and stories: what the command requires, the words it accepts and its limits (issue 10: a lesson's kind was a free string).
        var lesson = Schema(doc, "LessonInput");
        Assert.Equal(["kind", "title"], Required(lesson).Order());
        var lessonProperties = lesson.GetProperty("properties");
        Assert.Equal(["DidNotWork", "Tip", "WorkedWell", "WouldNotTryAgain"], lessonProperties.GetProperty("kind").GetProperty("enum").EnumerateArray().Select(v => v.GetString()).Order());
        Assert.Contains("SettingUp", lessonProperties.GetProperty("stage").GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        Assert.Contains("Public", lessonProperties.GetProperty("visibility").GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(200, lessonProperties.GetProperty("title").GetProperty("maxLength").GetInt32());
        Assert.Equal(10_000, lessonProperties.GetProperty("whatHappened").GetProperty("maxLength").GetInt32());
        Assert.Equal(["decision"], Required(Schema(doc, "ModerationInput")).ToArray());
        Assert.Equal(["title"], Required(Schema(doc, "StoryInput")).ToArray());
        Assert.Equal(["state", "version"], Required(Schema(doc, "StoryStateInput")).Order());

        var json = doc.GetRawText();
        foreach (var schema in doc.GetProperty("components").GetProperty("schemas").EnumerateObject())
        {
            if (schema.Value.TryGetProperty("enum", out _))
            {
                Assert.True(schema.Value.TryGetProperty("type", out var type) && type.GetRawText().Contains("string", StringComparison.Ordinal),
                    $"{schema.Name} is an enum without type string");
            }
        }

        Assert.DoesNotContain("\"pattern\": \"^-?(?:0|[1-9]\\\\d*)$\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_exports_and_stale_writes_document_their_answers()
    {
        var doc = await DocumentAsync(await fixture.ForAsync(Db.Sqlite));
        var paths = doc.GetProperty("paths");

        var signIn = paths.GetProperty("/api/v1/auth/token").GetProperty("post").GetProperty("responses");
        foreach (var status in new[] { "400", "401", "423", "429" })
        {
            Assert.True(signIn.GetProperty(status).GetProperty("content").TryGetProperty("application/problem+json", out _), status);
        }

        var mediaTypes = new HashSet<string>();
        var writesWithVersion = 0;
        foreach (var path in paths.EnumerateObject())
        {
            foreach (var op in path.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)))
            {
                var responses = op.Value.GetProperty("responses");
                if (path.Name.Contains("export", StringComparison.Ordinal) || path.Name.Contains("personal-data", StringComparison.Ordinal))
                {
                    Assert.True(responses.GetProperty("200").TryGetProperty("content", out var content), $"{op.Name} {path.Name} has no media type");
                    mediaTypes.UnionWith(content.EnumerateObject().Select(c => c.Name));
                }

                if (op.Value.TryGetProperty("requestBody", out var body) &&
                    body.GetProperty("content").GetProperty("application/json").GetProperty("schema").TryGetProperty("$ref", out var reference) &&
                    Schema(doc, reference.GetString()!.Split('/')[^1]).TryGetProperty("properties", out var properties) &&
                    properties.TryGetProperty("version", out _))
                {
                    writesWithVersion++;
                    Assert.True(responses.TryGetProperty("409", out _), $"{op.Name} {path.Name} sends a version but does not document 409");
                }

                // Every route value is declared (path-parameters-defined).
                var declared = op.Value.TryGetProperty("parameters", out var parameters)
                    ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "path").Select(p => p.GetProperty("name").GetString()).ToHashSet()
                    : [];
                foreach (var segment in path.Name.Split('/').Where(s => s.StartsWith('{')))
                {
                    Assert.Contains(segment.Trim('{', '}'), declared);
                }
            }
        }

        Assert.Superset(new HashSet<string> { "text/csv", "application/zip", "application/json" }, mediaTypes);
        Assert.True(writesWithVersion > 5, $"Only {writesWithVersion} versioned writes.");
    }

    /// <summary>
    /// Every operation, called with unknown ids and then with a body that is not JSON, answers each error as
    /// application/problem+json with a status the document lists for it — never a 500.
    /// </summary>
    [Fact]
    public async Task Every_operation_answers_unknown_ids_and_bad_bodies_with_documented_problems()
    {
        var app = await fixture.ForAsync(Db.Sqlite);
        var (client, organisationId, partnershipId) = await CallerAsync(app);
        var doc = await DocumentAsync(app);
        var failures = new List<string>();
        var calls = 0;
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
        {
            foreach (var op in path.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)))
            {
                var documented = op.Value.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToHashSet();
                var hasBody = op.Value.TryGetProperty("requestBody", out _);
                foreach (var own in new[] { false, true })
                {
                    var url = Fill(path.Name, own ? organisationId : Guid.NewGuid(), own ? partnershipId : Guid.NewGuid());
                    foreach (var body in hasBody ? new string?[] { "{\"version\": \"x\",", "{}" } : [null])
                    {
                        using var request = new HttpRequestMessage(new HttpMethod(op.Name.ToUpperInvariant()), url);
                        if (body is not null)
                        {
                            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                        }

                        var response = await client.SendAsync(request);
                        calls++;
                        var status = (int)response.StatusCode;
                        var name = $"{op.Name.ToUpperInvariant()} {url} {(body is null ? "" : "body " + body)}";
                        if (status >= 500)
                        {
                            failures.Add($"{name}: {status}");
                        }
                        else if (status >= 400)
                        {
                            if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                            {
                                failures.Add($"{name}: {status} as {response.Content.Headers.ContentType?.MediaType ?? "no content type"}");
                            }

                            if (!documented.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                            {
                                failures.Add($"{name}: {status} is not documented ({string.Join(", ", documented.Order())})");
                            }

                            var text = await response.Content.ReadAsStringAsync();
                            if (text.Contains("System.", StringComparison.Ordinal) || text.Contains("Nullable", StringComparison.Ordinal) ||
                                text.Contains("Implicit body", StringComparison.Ordinal))
                            {
                                failures.Add($"{name}: {status} shows .NET internals: {text}");
                            }
                        }
                    }
                }
            }
        }

        Assert.True(calls > 100, $"Only {calls} calls.");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Every list that pages refuses a page past any list (the offset would overflow) with a 400 problem.</summary>
    [Fact]
    public async Task Every_list_refuses_a_page_past_any_list()
    {
        var app = await fixture.ForAsync(Db.Sqlite);
        var (client, organisationId, partnershipId) = await CallerAsync(app);
        var doc = await DocumentAsync(app);
        var failures = new List<string>();
        var lists = 0;
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
        {
            if (!path.Value.TryGetProperty("get", out var get) || !get.TryGetProperty("parameters", out var parameters) ||
                !parameters.EnumerateArray().Any(p => p.GetProperty("name").GetString() == "page"))
            {
                continue;
            }

            lists++;
            var url = Fill(path.Name, organisationId, partnershipId) + "?page=2147483647&pageSize=100";
            var response = await client.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.BadRequest || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                failures.Add($"GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.True(lists >= 5, $"Only {lists} lists page.");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task A_value_that_cannot_be_read_is_named_in_plain_words_and_an_empty_filter_is_no_filter()
    {
        var app = await fixture.ForAsync(Db.Sqlite);
        var person = await ApiTestPeople.CreateAsync(app);

        var notADate = await ProblemAsync(await person.Api.GetAsync("/api/v1/reports/learning/practitioners?from=next-week"), HttpStatusCode.BadRequest);
        Assert.Equal("'from' must be a date written as yyyy-mm-dd.", notADate.GetProperty("detail").GetString());

        await JsonAsync(await person.Api.GetAsync("/api/v1/reports/learning/practitioners?from=&to="), HttpStatusCode.OK);

        var notANumber = await ProblemAsync(await person.Api.PostAsync("/api/v1/me/tokens",
            new StringContent("{\"name\":\"CI\",\"days\":\"soon\"}", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        Assert.True(notANumber.GetProperty("detail").GetString() == "'days' must be a whole number.", notANumber.GetRawText());

        var noBody = await ProblemAsync(await person.Api.PostAsync("/api/v1/me/tokens", new StringContent("", Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest);
        Assert.DoesNotContain("Implicit", noBody.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("TokenRequest", noBody.GetRawText(), StringComparison.Ordinal);

        var unknownToken = await person.Api.DeleteAsync($"/api/v1/me/tokens/{Guid.NewGuid()}");
        await ProblemAsync(unknownToken, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Cookies_are_secure_when_a_trusted_proxy_says_the_request_was_https()
    {
        await using var trusted = await ConcordFactory.CreateAsync(Db.Sqlite, settings: new Dictionary<string, string?> { ["Proxy:KnownNetworks"] = "127.0.0.0/8" });
        trusted.UseKestrel(0);
        trusted.StartServer();

        var viaProxy = await AntiforgeryCookieAsync(trusted, forwardedHttps: true);
        Assert.Contains("secure", viaProxy, StringComparison.OrdinalIgnoreCase);
        var direct = await AntiforgeryCookieAsync(trusted, forwardedHttps: false);
        Assert.DoesNotContain("secure", direct, StringComparison.OrdinalIgnoreCase);

        // The session cookie too, through the real sign-in form.
        var account = await trusted.CreateAccountAsync();
        var browser = PlainClient(trusted);
        browser.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        var form = await browser.GetAsync("/account/sign-in");
        var cookie = form.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("concord.af=", StringComparison.Ordinal)).Split(';')[0];
        var token = System.Text.RegularExpressions.Regex.Match(await form.Content.ReadAsStringAsync(),
            "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = account.Email,
                ["Input.Password"] = account.Password,
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            }),
        };
        post.Headers.Add("Cookie", cookie);
        var signedIn = await browser.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = signedIn.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("concord.session", StringComparison.Ordinal));
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);

        // A proxy that is not listed is not believed.
        await using var untrusted = await ConcordFactory.CreateAsync(Db.Sqlite, settings: new Dictionary<string, string?> { ["Proxy:KnownProxies"] = "10.9.8.7" });
        untrusted.UseKestrel(0);
        untrusted.StartServer();
        Assert.DoesNotContain("secure", await AntiforgeryCookieAsync(untrusted, forwardedHttps: true), StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<string> AntiforgeryCookieAsync(ConcordFactory app, bool forwardedHttps)
    {
        var client = PlainClient(app);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/sign-in");
        if (forwardedHttps)
        {
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        }

        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("concord.af=", StringComparison.Ordinal));
    }

    /// <summary>A client of the app's plain-HTTP address (the proxy ends HTTPS), without cookies or redirects.</summary>
    private static HttpClient PlainClient(ConcordFactory app) =>
        new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = HttpAddress(app) };

    private static Uri HttpAddress(ConcordFactory app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First(a => a.StartsWith("http://", StringComparison.Ordinal)));

    /// <summary>A network admin who is an organisation admin and the coordinator of a partnership led by that organisation.</summary>
    private static async Task<(HttpClient Client, Guid OrganisationId, Guid PartnershipId)> CallerAsync(ConcordFactory app)
    {
        var person = await ApiTestPeople.CreateAsync(app, NetworkRole.NetworkAdmin);
        var organisation = await app.CreateOrganisationAsync(null, (person.Account, OrganisationRole.Admin));
        var partnership = await app.CreatePartnershipAsync(organisation, (person.Account, PartnershipRole.Coordinator));
        return (person.Api, organisation.Id, partnership.Id);
    }

    /// <summary>The path with route values filled: the organisation or partnership for <c>{id}</c> under them, unknown ids elsewhere.</summary>
    private static string Fill(string path, Guid organisationId, Guid partnershipId)
    {
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (!segments[i].StartsWith('{'))
            {
                continue;
            }

            segments[i] = segments[i - 1] switch
            {
                "organisations" => organisationId.ToString(),
                "partnerships" => partnershipId.ToString(),
                _ => Guid.NewGuid().ToString(),
            };
        }

        return string.Join('/', segments);
    }
}
