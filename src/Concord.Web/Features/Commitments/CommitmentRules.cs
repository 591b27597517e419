namespace Concord.Web.Features.Commitments;

/// <summary>Status as shown to people. Stored values are what a partner last reported;
/// <see cref="CommitmentRules.EffectiveStatus"/> gives what to show.</summary>
public enum CommitmentStatus
{
    OnTrack,
    AtRisk,
    Late,
    Done,
}

/// <summary>What the rules need to know about a commitment. <paramref name="DoneOn"/> is the London
/// calendar date it was reported done; it is only read when the status is Done.</summary>
public sealed record CommitmentFacts(
    Guid Id,
    Guid OwnerPartnerId,
    DateOnly DueDate,
    CommitmentStatus ReportedStatus,
    DateOnly? DoneOn = null);

/// <summary>On-time delivery for one partner. <see cref="Percent"/> is null when nothing has been
/// decided yet, so the page can say "No commitments due yet" instead of a misleading 0 % or 100 %.</summary>
public sealed record PartnerDelivery(Guid PartnerId, int Counted, int OnTime)
{
    public double? Percent => Counted == 0 ? null : 100.0 * OnTime / Counted;
}

public static class CommitmentRules
{
    /// <summary>
    /// Done stays done. Past the due date and not done is Late, even when the last report said on track
    /// or at risk, because people stop updating a commitment they have forgotten. On the due date itself
    /// it is not yet late: the day is not over. A partner may report Late before the due date (they know
    /// it will slip), and that is kept.
    /// </summary>
    public static CommitmentStatus EffectiveStatus(CommitmentStatus reported, DateOnly dueDate, DateOnly today) =>
        reported switch
        {
            CommitmentStatus.Done => CommitmentStatus.Done,
            _ when dueDate < today => CommitmentStatus.Late,
            _ => reported,
        };

    public static CommitmentStatus EffectiveStatus(CommitmentFacts c, DateOnly today) =>
        EffectiveStatus(c.ReportedStatus, c.DueDate, today);

    /// <summary>"due today", "due tomorrow", "due in 3 days", "1 day late", "12 days late".
    /// Meant for open commitments; for a done one show <see cref="DoneOnTime"/> instead.</summary>
    public static string DueHint(DateOnly dueDate, DateOnly today)
    {
        var days = dueDate.DayNumber - today.DayNumber;
        return days switch
        {
            0 => "due today",
            1 => "due tomorrow",
            > 1 => $"due in {days} days",
            -1 => "1 day late",
            _ => $"{-days} days late",
        };
    }

    /// <summary>Done on or before the due date. A commitment not done (or done with no date) is not on time.</summary>
    public static bool DoneOnTime(DateOnly? doneOn, DateOnly dueDate) => doneOn is { } d && d <= dueDate;

    /// <summary>
    /// Percentage of each owner's commitments done on time, counting only commitments whose outcome is
    /// already known:
    /// - done with a date: counted; on time when done on or before the due date (so done early counts
    ///   even if the due date is still ahead — otherwise early delivery would be invisible);
    /// - not done and past the due date: counted, not on time;
    /// - not done and due today or later: not counted (it can still be delivered on time);
    /// - Done with no done date (old or imported data): not counted, as we cannot tell.
    /// Partners with no commitments are not returned; show them as "No commitments due yet".
    /// </summary>
    public static IReadOnlyList<PartnerDelivery> OnTimeDelivery(IEnumerable<CommitmentFacts> commitments, DateOnly today) =>
        commitments
            .GroupBy(c => c.OwnerPartnerId)
            .Select(g =>
            {
                var counted = 0;
                var onTime = 0;
                foreach (var c in g)
                {
                    if (c.ReportedStatus == CommitmentStatus.Done)
                    {
                        if (c.DoneOn is null)
                        {
                            continue;
                        }

                        counted++;
                        onTime += DoneOnTime(c.DoneOn, c.DueDate) ? 1 : 0;
                    }
                    else if (c.DueDate < today)
                    {
                        counted++;
                    }
                }

                return new PartnerDelivery(g.Key, counted, onTime);
            })
            .ToList();

    /// <summary>
    /// Open commitments for the daily digest: late ones (most overdue first), then those due within
    /// <paramref name="withinDays"/> days of today, today included (soonest first).
    /// </summary>
    public static IReadOnlyList<CommitmentFacts> ForDigest(IEnumerable<CommitmentFacts> commitments, DateOnly today, int withinDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(withinDays);
        var horizon = today.AddDays(withinDays);
        return commitments
            .Where(c => EffectiveStatus(c, today) switch
            {
                CommitmentStatus.Done => false,
                CommitmentStatus.Late => true,
                _ => c.DueDate <= horizon,
            })
            .OrderBy(c => EffectiveStatus(c, today) == CommitmentStatus.Late ? 0 : 1)
            .ThenBy(c => c.DueDate)
            .ThenBy(c => c.Id)
            .ToList();
    }
}
