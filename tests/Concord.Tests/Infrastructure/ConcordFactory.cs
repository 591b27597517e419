using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Concord.Tests.Infrastructure;

public enum Db
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Concord in-process on a real database: a fresh SQLite file in a temporary folder, or a fresh
/// database on the throw-away PostgreSQL server that ./test.sh starts (CONCORD_TEST_POSTGRES).
/// A migrated database is a copy of a template migrated once per test process (<see cref="TestDatabases"/>);
/// <c>migrate: false</c> gives an empty database, as a new installation has.
/// </summary>
public sealed class ConcordFactory : WebApplicationFactory<Program>
{
    /// <summary>
    /// PBKDF2 rounds for passwords hashed by test apps. The app keeps Identity's default (100,000); tests create and
    /// sign in hundreds of accounts, and what they check is the sign-in behaviour, not the cost of the hash.
    /// Hashes carry their own round count, so accounts made elsewhere (the demo command) still sign in.
    /// </summary>
    public const int TestPasswordIterations = 1;

    private readonly Dictionary<string, string?> settings;
    private readonly Action<IServiceCollection>? configureServices;
    private readonly string? postgresDatabase;
    private readonly bool ownsStorage;

    public Db Provider { get; }
    public string DataDirectory { get; }
    public string ConnectionString { get; }

    private ConcordFactory(Db provider, string dataDirectory, string connectionString, string? postgresDatabase,
        Dictionary<string, string?> settings, Action<IServiceCollection>? configureServices, bool ownsStorage = true)
    {
        Provider = provider;
        DataDirectory = dataDirectory;
        ConnectionString = connectionString;
        this.postgresDatabase = postgresDatabase;
        this.settings = settings;
        this.configureServices = configureServices;
        this.ownsStorage = ownsStorage;
    }

    /// <summary>
    /// Another app process on this factory's database, with the same configuration and its own services (for example its
    /// own clock). It creates, migrates and deletes nothing: dispose it before the factory that owns the database.
    /// </summary>
    public ConcordFactory SecondProcess(Action<IServiceCollection>? services = null) =>
        new(Provider, DataDirectory, ConnectionString, postgresDatabase: null, new Dictionary<string, string?>(settings), services, ownsStorage: false);

    public static async Task<ConcordFactory> CreateAsync(
        Db provider,
        bool migrate = true,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("concord-test-").FullName;
        // A test that names its own database (the demo's file, an unreachable server) gets exactly that one.
        var ownDatabase = settings?.ContainsKey("ConnectionStrings:Concord") == true;
        var fromTemplate = migrate && !ownDatabase;
        string connectionString;
        string? database = null;
        if (provider == Db.Postgres)
        {
            database = "concord_t_" + Guid.NewGuid().ToString("N")[..16];
            await TestDatabases.CreatePostgresAsync(database, fromTemplate);
            connectionString = TestDatabases.PostgresConnectionString(database);
        }
        else
        {
            var file = Path.Combine(dataDirectory, "concord.db");
            if (fromTemplate)
            {
                await TestDatabases.CopySqliteTemplateAsync(file);
            }

            connectionString = TestDatabases.SqliteConnectionString(file);
        }

        var factory = Create(provider, dataDirectory, connectionString, database, settings, services);
        if (migrate && !fromTemplate)
        {
            await factory.MigrateAsync();
        }

        return factory;
    }

    /// <summary>A factory on a database that already exists, which disposing it leaves in place (the templates).</summary>
    internal static ConcordFactory OnExistingDatabase(Db provider, string connectionString) =>
        Create(provider, Directory.CreateTempSubdirectory("concord-test-").FullName, connectionString, postgresDatabase: null, settings: null, services: null);

    private static ConcordFactory Create(Db provider, string dataDirectory, string connectionString, string? postgresDatabase,
        IDictionary<string, string?>? settings, Action<IServiceCollection>? services)
    {
        var all = new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["Database:DataDirectory"] = dataDirectory,
            ["ConnectionStrings:Concord"] = connectionString,
            // Tests sign in many times from one address; the rate-limit tests set their own limits.
            ["RateLimits:sign-in"] = "100000",
            ["RateLimits:invitations"] = "100000",
            ["RateLimits:public-form"] = "100000",
            ["RateLimits:sign-in-failures-account"] = "100000",
            ["RateLimits:sign-in-failures-address"] = "100000",
            // Digest tests run the daily digest themselves, at the date they choose.
            ["Commitments:Digest:Enabled"] = "false",
        };
        foreach (var (key, value) in SmtpTestServer.Instance.Settings)
        {
            all[key] = value;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new ConcordFactory(provider, dataDirectory, all["ConnectionStrings:Concord"]!, postgresDatabase, all, services);
    }

    /// <summary>The same code path as the app's `migrate` command.</summary>
    public async Task MigrateAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<ConcordDb>());
    }

    public async Task WithDbAsync(Func<ConcordDb, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<ConcordDb>());
    }

    public async Task<T> WithDbAsync<T>(Func<ConcordDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ConcordDb>());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Tests assert behaviour; the app's own log lines would only bury the failures in the output.
        // Set CONCORD_TEST_LOGS=1 to see them while debugging a failure.
        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            if (Environment.GetEnvironmentVariable("CONCORD_TEST_LOGS") == "1")
            {
                logging.AddSimpleConsole();
            }
        });
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(settings));
        builder.ConfigureServices(s => s.Configure<PasswordHasherOptions>(o => o.IterationCount = TestPasswordIterations));
        if (configureServices is not null)
        {
            builder.ConfigureServices(configureServices);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (!ownsStorage)
        {
            return;
        }

        if (Provider == Db.Postgres)
        {
            // Only this database's idle connections: other apps in the run keep theirs.
            NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString));
            if (postgresDatabase is not null)
            {
                await TestDatabases.DropPostgresAsync(postgresDatabase);
            }
        }
        else
        {
            SqliteConnection.ClearPool(new SqliteConnection(ConnectionString));
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine is left for the OS to clean up with the temp folder.
        }
    }
}

public static class PostgresServer
{
    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("CONCORD_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "The PostgreSQL tests need a server: run ./test.sh, which starts a throw-away one, " +
                "or set CONCORD_TEST_POSTGRES to an admin connection string.");
}
