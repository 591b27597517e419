using System.Net;
using System.Text.Json;
using Concord.Tests.Infrastructure;

namespace Concord.Tests.Foundation;

[Collection(AppCollection.Name)]
public sealed class HealthTests(AppFixture fixture)
{
    [Theory, BothDatabases]
    public async Task Live_and_ready_report_healthy_when_the_database_answers(Db db)
    {
        var app = await fixture.ForAsync(db);
        var client = app.CreateClient();

        var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", JsonDocument.Parse(await live.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());

        var ready = await client.GetAsync("/health/ready");
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact, NeedsDatabase(Db.Postgres)]
    public async Task On_postgres_the_app_does_not_migrate_by_itself_and_is_not_ready_until_migrate_runs()
    {
        await using var app = await ConcordFactory.CreateAsync(Db.Postgres, migrate: false);
        var client = app.CreateClient();

        var before = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);
        Assert.Contains("migrate", await before.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);

        await app.MigrateAsync();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact, NeedsDatabase(Db.Postgres)]
    public async Task Ready_is_unavailable_when_the_database_cannot_be_reached()
    {
        await using var app = await ConcordFactory.CreateAsync(Db.Postgres, migrate: false, settings: new Dictionary<string, string?>
        {
            // A port nothing listens on: the check must say unhealthy, not hang or throw.
            ["ConnectionStrings:Concord"] = "Host=127.0.0.1;Port=1;Database=none;Username=none;Timeout=2",
        });
        var response = await app.CreateClient().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }
}
