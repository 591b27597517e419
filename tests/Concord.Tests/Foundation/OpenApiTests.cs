using System.Net;
using System.Text.Json;
using Concord.Tests.Infrastructure;

namespace Concord.Tests.Foundation;

[Collection(AppCollection.Name)]
public sealed class OpenApiTests(AppFixture fixture)
{
    [Fact]
    public async Task The_openapi_document_parses_and_lists_the_api()
    {
        var client = (await fixture.ForAsync(Db.Sqlite)).CreateClient();
        var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith("3.", doc.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal("Concord API", doc.GetProperty("info").GetProperty("title").GetString());
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/network", paths);
        Assert.All(paths, p => Assert.StartsWith("/api/v1/", p, StringComparison.Ordinal));
    }

    /// <summary>
    /// Writes the document to <c>TestResults/openapi.json</c> (or <c>CONCORD_OPENAPI_OUTPUT</c>), where test.sh lints it with
    /// Redocly after the tests, so the linter needs no running server.
    /// </summary>
    [Fact]
    public async Task The_openapi_document_is_written_for_the_linter()
    {
        var client = (await fixture.ForAsync(Db.Sqlite)).CreateClient();
        var json = await client.GetStringAsync("/openapi/v1.json");
        var target = Environment.GetEnvironmentVariable("CONCORD_OPENAPI_OUTPUT");
        if (string.IsNullOrWhiteSpace(target))
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "Concord.slnx")))
            {
                root = root.Parent;
            }

            Assert.NotNull(root);
            target = Path.Combine(root.FullName, "TestResults", "openapi.json");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
        await File.WriteAllTextAsync(target, json);
        Assert.True(new FileInfo(target).Length > 1000);
    }

    [Fact]
    public async Task The_reference_page_lists_the_same_endpoints()
    {
        var client = (await fixture.ForAsync(Db.Sqlite)).CreateClient();
        var html = await client.GetStringAsync("/api");
        Assert.Contains("<code>/api/v1/network</code>", html, StringComparison.Ordinal);
        Assert.Contains("/openapi/v1.json", html, StringComparison.Ordinal);
    }

    /// <summary>Issue 10: the document declares how to authenticate and every error each operation can give, as problems.</summary>
    [Fact]
    public async Task Every_operation_documents_its_security_and_the_problems_it_can_answer()
    {
        var client = (await fixture.ForAsync(Db.Sqlite)).CreateClient();
        var doc = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        var scheme = doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());

        var failures = new List<string>();
        var operations = 0;
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
        {
            foreach (var op in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete"))
            {
                operations++;
                var name = $"{op.Name.ToUpperInvariant()} {path.Name}";
                var responses = op.Value.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToHashSet();
                var anonymous = path.Name is "/api/v1/network" or "/api/v1/auth/token" || path.Name.StartsWith("/api/v1/public/", StringComparison.Ordinal);
                // An anonymous operation says so with an empty requirement ([{}]); a secured one names the bearer scheme.
                var secured = op.Value.TryGetProperty("security", out var security) &&
                              security.EnumerateArray().Any(r => r.TryGetProperty("bearer", out _));
                if (anonymous == secured)
                {
                    failures.Add($"{name}: security {(secured ? "declared on an anonymous operation" : "missing")}");
                }

                if (!anonymous && !(responses.Contains("401") && responses.Contains("403")))
                {
                    failures.Add($"{name}: 401/403 not documented");
                }

                if (path.Name.Contains('{', StringComparison.Ordinal) && !responses.Contains("404"))
                {
                    failures.Add($"{name}: 404 not documented");
                }

                foreach (var error in op.Value.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('4')))
                {
                    if (!error.Value.TryGetProperty("content", out var content) || !content.TryGetProperty("application/problem+json", out _))
                    {
                        failures.Add($"{name}: {error.Name} is not described as application/problem+json");
                    }
                }
            }
        }

        Assert.True(operations > 50, $"Only {operations} operations.");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
