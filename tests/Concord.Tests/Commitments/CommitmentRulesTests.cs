using Concord.Web.Features.Commitments;
using Concord.Web.Infrastructure.Time;

namespace Concord.Tests.Commitments;

public sealed class CommitmentRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly Guid Library = Guid.NewGuid();
    private static readonly Guid School = Guid.NewGuid();

    private static CommitmentFacts Due(int daysFromToday, CommitmentStatus status = CommitmentStatus.OnTrack, int? doneDaysFromToday = null, Guid? owner = null) =>
        new(Guid.NewGuid(), owner ?? Library, Today.AddDays(daysFromToday), status,
            doneDaysFromToday is { } d ? Today.AddDays(d) : null);

    [Theory]
    [InlineData(CommitmentStatus.OnTrack)]
    [InlineData(CommitmentStatus.AtRisk)]
    [InlineData(CommitmentStatus.Late)]
    public void Late_when_due_date_passed_and_not_done(CommitmentStatus reported)
    {
        Assert.Equal(CommitmentStatus.Late, CommitmentRules.EffectiveStatus(reported, Today.AddDays(-1), Today));
    }

    [Fact]
    public void Done_stays_done_after_the_due_date()
    {
        Assert.Equal(CommitmentStatus.Done, CommitmentRules.EffectiveStatus(CommitmentStatus.Done, Today.AddDays(-30), Today));
    }

    [Theory]
    [InlineData(CommitmentStatus.OnTrack)]
    [InlineData(CommitmentStatus.AtRisk)]
    [InlineData(CommitmentStatus.Late)]
    public void On_the_due_date_the_reported_status_is_kept(CommitmentStatus reported)
    {
        Assert.Equal(reported, CommitmentRules.EffectiveStatus(reported, Today, Today));
    }

    [Theory]
    [InlineData(0, "due today")]
    [InlineData(1, "due tomorrow")]
    [InlineData(3, "due in 3 days")]
    [InlineData(-1, "1 day late")]
    [InlineData(-12, "12 days late")]
    public void Relative_hints_read_naturally(int daysFromToday, string expected)
    {
        Assert.Equal(expected, CommitmentRules.DueHint(Today.AddDays(daysFromToday), Today));
    }

    [Fact]
    public void Done_on_time_means_done_on_or_before_the_due_date()
    {
        Assert.True(CommitmentRules.DoneOnTime(Today, Today));
        Assert.True(CommitmentRules.DoneOnTime(Today.AddDays(-1), Today));
        Assert.False(CommitmentRules.DoneOnTime(Today.AddDays(1), Today));
        Assert.False(CommitmentRules.DoneOnTime(null, Today));
    }

    [Fact]
    public void Today_in_London_follows_british_summer_time_not_utc()
    {
        // 23:30 UTC on 30 June is already 1 July in London (BST, UTC+1).
        var summerNight = new FixedTime(new DateTimeOffset(2026, 6, 30, 23, 30, 0, TimeSpan.Zero));
        Assert.Equal(new DateOnly(2026, 7, 1), London.Today(summerNight));

        // In winter London is on UTC.
        var winterNight = new FixedTime(new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.Zero));
        Assert.Equal(new DateOnly(2026, 12, 31), London.Today(winterNight));
    }

    [Fact]
    public void On_time_delivery_counts_only_commitments_whose_outcome_is_known()
    {
        var commitments = new[]
        {
            Due(-10, CommitmentStatus.Done, doneDaysFromToday: -11), // on time
            Due(-10, CommitmentStatus.Done, doneDaysFromToday: -5),  // done late
            Due(-3, CommitmentStatus.OnTrack),                      // overdue, counts as not on time
            Due(0, CommitmentStatus.OnTrack),                       // due today, not decided yet
            Due(5, CommitmentStatus.AtRisk),                        // not due yet
            Due(5, CommitmentStatus.Done, doneDaysFromToday: -1),   // done early: on time
            Due(-2, CommitmentStatus.Done),                         // done with no date: unknown, not counted
        };

        var delivery = Assert.Single(CommitmentRules.OnTimeDelivery(commitments, Today));

        Assert.Equal(Library, delivery.PartnerId);
        Assert.Equal(4, delivery.Counted);
        Assert.Equal(2, delivery.OnTime);
        Assert.Equal(50.0, delivery.Percent);
    }

    [Fact]
    public void On_time_delivery_is_per_partner_and_empty_when_nothing_is_due_yet()
    {
        var delivery = CommitmentRules.OnTimeDelivery(
            [Due(-1, CommitmentStatus.Done, doneDaysFromToday: -1), Due(4, owner: School)], Today)
            .ToDictionary(d => d.PartnerId);

        Assert.Equal(100.0, delivery[Library].Percent);
        Assert.Equal(0, delivery[School].Counted);
        Assert.Null(delivery[School].Percent);
    }

    [Fact]
    public void The_digest_lists_late_commitments_first_then_those_due_soon()
    {
        var late = Due(-12);
        var lateReported = Due(6, CommitmentStatus.Late);
        var lateRecent = Due(-1, CommitmentStatus.AtRisk);
        var today = Due(0);
        var soon = Due(3);
        var later = Due(4);
        var done = Due(-5, CommitmentStatus.Done, doneDaysFromToday: -6);

        var digest = CommitmentRules.ForDigest([later, soon, done, today, lateRecent, late, lateReported], Today, withinDays: 3);

        Assert.Equal([late, lateRecent, lateReported, today, soon], digest);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
