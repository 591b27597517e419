using Concord.Web.Features.Accounts;
using Concord.Web.Infrastructure.Auth;
using Microsoft.Extensions.Time.Testing;

namespace Concord.Tests.Accounts;

public sealed class AccountSessionCacheTests
{
    private static readonly AccountSnapshot Snapshot = new("stamp", true, NetworkRole.None, "Ada", false, false);

    [Fact]
    public void A_snapshot_is_trusted_for_the_bound_counted_from_when_its_read_started()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var cache = new AccountSessionCache(time);
        var id = Guid.NewGuid();
        Assert.Null(cache.Find(id));

        var read = cache.StartRead();
        time.Advance(TimeSpan.FromSeconds(2));
        cache.Remember(id, Snapshot, read);
        time.Advance(AccountSessionCache.Bound - TimeSpan.FromSeconds(3));
        Assert.Same(Snapshot, cache.Find(id));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(cache.Find(id));
    }

    [Fact]
    public void Forgetting_drops_the_snapshot_and_one_being_read_at_that_moment()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var cache = new AccountSessionCache(time);
        var id = Guid.NewGuid();
        cache.Remember(id, Snapshot, cache.StartRead());
        cache.Forget(id);
        Assert.Null(cache.Find(id));

        // A change saved while a request was reading the old values: what that request read is not kept.
        var read = cache.StartRead();
        cache.Forget(id);
        cache.Remember(id, Snapshot, read);
        Assert.Null(cache.Find(id));

        cache.Remember(id, Snapshot, cache.StartRead());
        Assert.Same(Snapshot, cache.Find(id));
    }
}
