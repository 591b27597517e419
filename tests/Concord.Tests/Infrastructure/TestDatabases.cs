using Microsoft.Data.Sqlite;
using Npgsql;

namespace Concord.Tests.Infrastructure;

/// <summary>
/// Migrated databases for test apps without running every migration for each one: the first migrated database a
/// test process asks for migrates a template through the app's own migrate code; every later one is a copy of it.
/// PostgreSQL: <c>CREATE DATABASE … TEMPLATE concord_template_…</c>; SQLite: a copy of the template file.
/// Each test process has its own templates (PostgreSQL names carry the process id), dropped when the process ends.
/// </summary>
public static class TestDatabases
{
    private static readonly SemaphoreSlim PostgresGate = new(1, 1);
    private static readonly Lazy<Task<string>> PostgresTemplate = new(MigratePostgresTemplateAsync);
    private static readonly Lazy<Task<string>> SqliteTemplate = new(MigrateSqliteTemplateAsync);

    public static string PostgresConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(PostgresServer.AdminConnectionString) { Database = database }.ConnectionString;

    public static string SqliteConnectionString(string file) => $"Data Source={file};Foreign Keys=True";

    /// <summary>Creates an empty database, or (migrated) a copy of this process's migrated template.</summary>
    public static async Task CreatePostgresAsync(string database, bool migrated)
    {
        var template = migrated ? await PostgresTemplate.Value : null;
        // CREATE DATABASE … TEMPLATE needs the template to have no sessions; one at a time keeps it simple and is fast.
        await PostgresGate.WaitAsync();
        try
        {
            await AdminAsync(template is null
                ? $"CREATE DATABASE \"{database}\""
                : $"CREATE DATABASE \"{database}\" TEMPLATE \"{template}\"");
        }
        finally
        {
            PostgresGate.Release();
        }
    }

    public static Task DropPostgresAsync(string database) => AdminAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");

    public static async Task CopySqliteTemplateAsync(string file)
    {
        var template = await SqliteTemplate.Value;
        File.Copy(template, file);
    }

    private static async Task<string> MigratePostgresTemplateAsync()
    {
        var name = $"concord_template_{Environment.ProcessId}_{Guid.NewGuid().ToString("N")[..8]}";
        await AdminAsync($"CREATE DATABASE \"{name}\"");
        var connectionString = PostgresConnectionString(name);
        await using (var app = ConcordFactory.OnExistingDatabase(Db.Postgres, connectionString))
        {
            await app.MigrateAsync();
        }

        // No session may stay on a template: close the pool's idle connections, end any straggler,
        // and refuse new connections (copies are made from the admin database, not from the template).
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        await AdminAsync($"ALTER DATABASE \"{name}\" WITH ALLOW_CONNECTIONS false IS_TEMPLATE true");
        await AdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DropTemplate(name);
        return name;
    }

    private static async Task<string> MigrateSqliteTemplateAsync()
    {
        var folder = Directory.CreateTempSubdirectory("concord-template-").FullName;
        var file = Path.Combine(folder, "concord.db");
        var connectionString = SqliteConnectionString(file);
        await using (var app = ConcordFactory.OnExistingDatabase(Db.Sqlite, connectionString))
        {
            await app.MigrateAsync();
        }

        // Fold the write-ahead log into the file so that the file alone is the whole database.
        SqliteConnection.ClearPool(new SqliteConnection(connectionString));
        await using (var connection = new SqliteConnection(connectionString + ";Pooling=False"))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync();
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        return file;
    }

    private static async Task AdminAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(PostgresServer.AdminConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }

    private static void DropTemplate(string name)
    {
        try
        {
            using var admin = new NpgsqlConnection(PostgresServer.AdminConnectionString);
            admin.Open();
            // Two commands: DROP DATABASE may not share a batch (an implicit transaction) with anything else.
            using (var unmark = new NpgsqlCommand($"ALTER DATABASE \"{name}\" IS_TEMPLATE false", admin))
            {
                unmark.ExecuteNonQuery();
            }

            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\"", admin);
            drop.ExecuteNonQuery();
        }
        catch (NpgsqlException)
        {
            // The server may already be stopping at the end of ./test.sh; it is thrown away with its data.
        }
    }
}
