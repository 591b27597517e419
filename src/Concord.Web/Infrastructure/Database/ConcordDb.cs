using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Infrastructure.Database;

/// <summary>
/// The one EF Core model. Each feature keeps its entities and their configuration
/// (IEntityTypeConfiguration) in its own folder; they are picked up from this assembly.
/// Two subclasses bind the model to a provider so each provider has its own migration set.
/// </summary>
public abstract class ConcordDb(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ConcordDb).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Instants are stored in UTC on both providers.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        Versioning.Bump(ChangeTracker);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        Versioning.Bump(ChangeTracker);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }
}

/// <summary>The model on the embedded SQLite database (migrations in Migrations/Sqlite).</summary>
public sealed class SqliteConcordDb(DbContextOptions<SqliteConcordDb> options) : ConcordDb(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no instant type: UTC ticks keep ORDER BY and range filters correct in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }
}

/// <summary>The model on PostgreSQL (migrations in Migrations/Postgres).</summary>
public sealed class PostgresConcordDb(DbContextOptions<PostgresConcordDb> options) : ConcordDb(options);
