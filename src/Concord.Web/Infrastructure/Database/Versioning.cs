using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Concord.Web.Infrastructure.Database;

/// <summary>An entity edited by people: its Version is the optimistic-concurrency token (ETag in the API).</summary>
public interface IVersioned
{
    int Version { get; set; }
}

public static class Versioning
{
    public static void Bump(ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified)
            {
                entry.Entity.Version++;
            }
        }
    }

    /// <summary>Marks the version the editor started from, so a stale save fails with a concurrency error.</summary>
    public static void ExpectVersion<T>(this DbContext db, T entity, int expectedVersion) where T : class, IVersioned
    {
        db.Entry(entity).Property(e => e.Version).OriginalValue = expectedVersion;
    }

    public static void ConfigureVersion<T>(this Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<T> builder)
        where T : class, IVersioned
    {
        builder.Property(e => e.Version).IsConcurrencyToken();
    }
}
