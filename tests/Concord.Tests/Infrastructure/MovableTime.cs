namespace Concord.Tests.Infrastructure;

/// <summary>
/// A clock tests control, given to the app in place of TimeProvider.System
/// (<c>services: s => s.AddSingleton&lt;TimeProvider&gt;(time)</c>). It either stands still at a start time or
/// follows the system clock, and in both cases moves on only when the test says so. Timers and delays made through it
/// stay real (the base TimeProvider's), so the app's background loops (the e-mail outbox) keep running.
/// That is why this is not Microsoft's FakeTimeProvider, whose timers fire only when the test advances it.
/// </summary>
public sealed class MovableTime : TimeProvider
{
    private readonly object gate = new();
    private readonly bool following;
    private DateTimeOffset start;
    private TimeSpan offset;

    /// <summary>A clock that stands at <paramref name="start"/> until the test moves it.</summary>
    public MovableTime(DateTimeOffset start)
    {
        this.start = start;
    }

    private MovableTime()
    {
        following = true;
    }

    /// <summary>A clock that runs with the system clock, plus however far the test has moved it on.</summary>
    public static MovableTime FollowingTheSystemClock() => new();

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return (following ? System.GetUtcNow() : start) + offset;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (gate)
        {
            offset += by;
        }
    }
}
