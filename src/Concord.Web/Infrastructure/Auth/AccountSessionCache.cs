using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Concord.Web.Features.Accounts;
using Concord.Web.Features.Partnerships;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Concord.Web.Infrastructure.Auth;

/// <summary>
/// This process's copy of each signed-in account's <see cref="AccountSnapshot"/>, trusted for
/// <see cref="Bound"/> from when it was read (by the injected <see cref="TimeProvider"/>). A change saved
/// in this process evicts the entry at once (<see cref="AccountSessionEviction"/>); another process sees it
/// when its entry runs out, so every change reaches every process within the bound.
/// </summary>
public sealed class AccountSessionCache(TimeProvider clock)
{
    /// <summary>The longest a change (sign out everywhere, deactivation, roles, two-step verification) waits to reach another process.</summary>
    public const int BoundSeconds = 30;

    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(BoundSeconds);

    /// <summary>Past this many entries, expired ones are swept out, at most once per bound (a network has thousands of people, not millions).</summary>
    private const int SweepAbove = 10_000;

    private readonly ConcurrentDictionary<Guid, Entry> entries = new();
    private long generation;
    private long lastSweepTicks;

    private sealed record Entry(AccountSnapshot Snapshot, DateTimeOffset ReadFrom);

    /// <summary>Taken just before a snapshot is read from the database and handed to <see cref="Remember"/>.</summary>
    public readonly record struct Read(long Generation, DateTimeOffset StartedAt);

    public Read StartRead() => new(Interlocked.Read(ref generation), clock.GetUtcNow());

    /// <summary>The snapshot, if this process started reading it less than <see cref="Bound"/> ago.</summary>
    public AccountSnapshot? Find(Guid accountId) =>
        entries.TryGetValue(accountId, out var entry) && IsFresh(entry, clock.GetUtcNow()) ? entry.Snapshot : null;

    /// <summary>
    /// Keeps a snapshot for the bound, counted from when its read started, so a change committed in another process
    /// after that moment (which the read may have missed) is seen at most <see cref="Bound"/> later.
    /// </summary>
    public void Remember(Guid accountId, AccountSnapshot snapshot, Read read)
    {
        entries[accountId] = new Entry(snapshot, read.StartedAt);
        // A change saved in this process while the snapshot was being read may not be in it: drop it rather than trust it.
        if (Interlocked.Read(ref generation) != read.Generation)
        {
            entries.TryRemove(accountId, out _);
        }

        var now = clock.GetUtcNow();
        var lastSweep = Interlocked.Read(ref lastSweepTicks);
        if (entries.Count > SweepAbove && now.UtcTicks - lastSweep >= Bound.Ticks &&
            Interlocked.CompareExchange(ref lastSweepTicks, now.UtcTicks, lastSweep) == lastSweep)
        {
            foreach (var (id, entry) in entries)
            {
                if (!IsFresh(entry, now))
                {
                    entries.TryRemove(id, out _);
                }
            }
        }
    }

    /// <summary>Drops this process's snapshot of the account, so its next request reads the database.</summary>
    public void Forget(Guid accountId)
    {
        Interlocked.Increment(ref generation);
        entries.TryRemove(accountId, out _);
    }

    private static bool IsFresh(Entry entry, DateTimeOffset now) => now >= entry.ReadFrom && now - entry.ReadFrom < Bound;
}

/// <summary>
/// Evicts an account's session snapshot whenever a SaveChanges changes the account (security stamp, activity,
/// network role, name, two-step verification) or its partnership memberships (coordinator or not), so nothing that
/// changes these has to remember to. It runs after the save, so a request that follows cannot read the old values.
/// </summary>
public sealed class AccountSessionEviction(AccountSessionCache cache) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, Guid[]> pending = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Evict(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Evict(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Evict(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Evict(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var changed = context.ChangeTracker.Entries<Account>()
            .Where(e => e.State is EntityState.Modified or EntityState.Deleted)
            .Select(e => e.Entity.Id)
            .Concat(context.ChangeTracker.Entries<PartnershipMembership>()
                .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
                .Select(e => e.Entity.AccountId))
            .Distinct()
            .ToArray();
        if (changed.Length > 0)
        {
            pending.AddOrUpdate(context, changed);
        }
        else
        {
            pending.Remove(context);
        }
    }

    private void Evict(DbContext? context)
    {
        // A failed save may still have written part of its changes: evicting costs one read, so do it then too.
        if (context is not null && pending.TryGetValue(context, out var ids))
        {
            pending.Remove(context);
            foreach (var id in ids)
            {
                cache.Forget(id);
            }
        }
    }
}
