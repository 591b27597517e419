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

    /// <summary>
    /// Saves a change to a versioned record. When someone else saved it first (the version no longer matches), nothing is
    /// written: the pending changes are dropped and the answer is Stale with the record as it is saved now.
    /// </summary>
    public static async Task<Writes.WriteResult<T>> SaveVersionedAsync<T>(this DbContext db, T entity, string what, CancellationToken ct)
        where T : class, IVersioned
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return entity;
        }
        catch (DbUpdateConcurrencyException)
        {
            var key = db.Entry(entity).Metadata.FindPrimaryKey()!.Properties.Select(p => db.Entry(entity).Property(p.Name).CurrentValue).ToArray();
            db.ChangeTracker.Clear();
            var current = await db.Set<T>().FindAsync(key, ct);
            if (current is not null)
            {
                db.Entry(current).State = EntityState.Detached;
            }

            return current is null ? Writes.WriteFailure.NotFound() : Writes.WriteFailure.Stale(Writes.WriteFailure.StaleMessage(what), current);
        }
    }

    public static void ConfigureVersion<T>(this Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<T> builder)
        where T : class, IVersioned
    {
        builder.Property(e => e.Version).IsConcurrencyToken();
    }
}
