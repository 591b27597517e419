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

/// <summary>
/// Runs a theory once on SQLite and once on PostgreSQL: for tests whose behaviour goes through SQL (queries, writes,
/// constraints, migrations), which the two providers translate differently. HTTP behaviour that does not depend on
/// the provider is a plain [Fact] on SQLite (see docs/ARCHITECTURE.md, Tests).
/// CONCORD_TEST_DATABASES (for example <c>Sqlite</c>, <c>Postgres</c> or <c>Sqlite|Postgres</c>, the default) chooses
/// the databases, so ./test.sh runs each database's cases in its own process. Tests carry the trait
/// <c>Database=Both</c>, which the test filter uses.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[TraitDiscoverer("Concord.Tests.Infrastructure.DatabaseTraitDiscoverer", "Concord.Tests")]
public sealed class BothDatabasesAttribute : DataAttribute, ITraitAttribute
{
    public const string Variable = "CONCORD_TEST_DATABASES";

    public static IReadOnlyList<Db> Selected { get; } = Parse(Environment.GetEnvironmentVariable(Variable));

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => Selected.Select(db => new object[] { db });

    private static List<Db> Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return [Db.Sqlite, Db.Postgres];
        }

        return [.. value.Split(['|', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(name => Enum.TryParse<Db>(name, ignoreCase: true, out var db)
                ? db
                : throw new InvalidOperationException($"{Variable}: '{name}' is not a database (Sqlite or Postgres)."))
            .Distinct()];
    }
}

/// <summary>
/// For a [Fact] that needs one particular database (a PostgreSQL-only behaviour): it carries the trait
/// <c>Database=Postgres</c> (or <c>Sqlite</c>), so ./test.sh runs it in that database's process.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
[TraitDiscoverer("Concord.Tests.Infrastructure.DatabaseTraitDiscoverer", "Concord.Tests")]
public sealed class NeedsDatabaseAttribute(Db database) : Attribute, ITraitAttribute
{
    public Db Database { get; } = database;
}

/// <summary>Gives [BothDatabases] tests the trait Database=Both and [NeedsDatabase(db)] tests Database=&lt;db&gt;.</summary>
public sealed class DatabaseTraitDiscoverer : ITraitDiscoverer
{
    public const string Trait = "Database";

    public IEnumerable<KeyValuePair<string, string>> GetTraits(Xunit.Abstractions.IAttributeInfo traitAttribute)
    {
        var value = traitAttribute.GetConstructorArguments().FirstOrDefault() switch
        {
            Db db => db.ToString(),
            int number => ((Db)number).ToString(),
            _ => "Both",
        };
        yield return new KeyValuePair<string, string>(Trait, value);
    }
}
