using System.Reflection;
using Xunit.Sdk;

namespace Concord.Tests.Infrastructure;

/// <summary>
/// One running Concord per database for the whole test run. Tests make their own organisations and
/// partnerships, so they do not depend on each other's data.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Dictionary<Db, ConcordFactory> apps = [];

    public async Task<ConcordFactory> ForAsync(Db db)
    {
        await gate.WaitAsync();
        try
        {
            if (!apps.TryGetValue(db, out var app))
            {
                app = await ConcordFactory.CreateAsync(db);
                apps[db] = app;
            }

            return app;
        }
        finally
        {
            gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in apps.Values)
        {
            await app.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "Concord app";
}

/// <summary>Runs a theory once on SQLite and once on PostgreSQL.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BothDatabasesAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
    [
        [Db.Sqlite],
        [Db.Postgres],
    ];
}
