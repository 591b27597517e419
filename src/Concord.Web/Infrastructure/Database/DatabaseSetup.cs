using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Concord.Web.Infrastructure.Database;

public static class DatabaseSetup
{
    public static WebApplicationBuilder AddConcordDatabase(this WebApplicationBuilder builder)
    {
        // Options are read when first needed, so hosts and tests can supply configuration late.
        builder.Services.AddSingleton(sp => DatabaseOptions.From(sp.GetRequiredService<IConfiguration>()));
        if (QueryCounter.IsEnabled(builder.Configuration)) QueryCounter.AddTo(builder.Services);
        builder.Services.AddDbContext<SqliteConcordDb>((sp, o) =>
            Configure(sp, o.UseSqlite(sp.GetRequiredService<DatabaseOptions>().ResolveConnectionString())));
        builder.Services.AddDbContext<PostgresConcordDb>((sp, o) =>
            Configure(sp, o.UseNpgsql(sp.GetRequiredService<DatabaseOptions>().ResolveConnectionString())));
        builder.Services.AddScoped<ConcordDb>(sp => sp.GetRequiredService<DatabaseOptions>().Provider == DatabaseProvider.Postgres
            ? sp.GetRequiredService<PostgresConcordDb>()
            : sp.GetRequiredService<SqliteConcordDb>());
        return builder;
    }

    private static void Configure(IServiceProvider services, DbContextOptionsBuilder options)
    {
        // Interceptors registered in DI (audit, test fault injection) join every context.
        options.AddInterceptors(services.GetServices<IInterceptor>());
    }

    /// <summary>
    /// On the embedded SQLite default the schema is created and migrated on start, so a laptop user runs no tool.
    /// On PostgreSQL the schema is applied only by the explicit `migrate` command, so several app processes never race.
    /// </summary>
    public static async Task PrepareDatabaseForStartAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<DatabaseOptions>();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConcordDb>();
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            await MigrateAsync(db);
            return;
        }

        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
            if (pending.Count > 0)
            {
                app.Logger.LogWarning(
                    "The PostgreSQL schema is behind this version of Concord ({Count} migrations pending). Run the app with the 'migrate' command.",
                    pending.Count);
            }
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            // Start anyway: /health/ready reports the database as unavailable until it answers.
            app.Logger.LogError(ex, "PostgreSQL cannot be reached at start-up.");
        }
    }

    public static async Task MigrateAsync(ConcordDb db, CancellationToken cancellationToken = default)
    {
        if (db.Database.IsSqlite())
        {
            // Write-ahead logging lets readers carry on while one request writes.
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
                await db.Database.MigrateAsync(cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }

            return;
        }

        await db.Database.MigrateAsync(cancellationToken);
    }
}
