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

    [Fact]
    public async Task The_reference_page_lists_the_same_endpoints()
    {
        var client = (await fixture.ForAsync(Db.Sqlite)).CreateClient();
        var html = await client.GetStringAsync("/api");
        Assert.Contains("<code>/api/v1/network</code>", html, StringComparison.Ordinal);
        Assert.Contains("/openapi/v1.json", html, StringComparison.Ordinal);
    }
}
