using Concord.Web.Features.Accounts;
using Concord.Web.Features.Audit;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Infrastructure.Database;

/// <summary>
/// The one EF Core model. Each feature keeps its entities and their configuration
/// (IEntityTypeConfiguration) in its own folder; they are picked up from this assembly.
/// Two subclasses bind the model to a provider so each provider has its own migration set.
/// </summary>
public abstract class ConcordDb(DbContextOptions options) : IdentityUserContext<Account, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ConcordDb).Assembly);
    }

    private void BeforeSave()
    {
        Versioning.Bump(ChangeTracker);
        // The audit trail is append-only: a change or removal is a bug, refused before it reaches the database
        // (where a trigger would refuse it as well).
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Audit entries cannot be changed or deleted.");
        }

        Features.Ledger.LedgerAppendOnly.Check(ChangeTracker);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Instants are stored in UTC on both providers.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BeforeSave();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BeforeSave();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }
}

/// <summary>The model on the embedded SQLite database (migrations in Migrations/Sqlite).</summary>
public sealed class SqliteConcordDb(DbContextOptions<SqliteConcordDb> options) : ConcordDb(options)
{
    private void BeforeSave()
    {
        Versioning.Bump(ChangeTracker);
        // The audit trail is append-only: a change or removal is a bug, refused before it reaches the database
        // (where a trigger would refuse it as well).
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Audit entries cannot be changed or deleted.");
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no instant type: UTC ticks keep ORDER BY and range filters correct in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }
}

/// <summary>The model on PostgreSQL (migrations in Migrations/Postgres).</summary>
public sealed class PostgresConcordDb(DbContextOptions<PostgresConcordDb> options) : ConcordDb(options);
