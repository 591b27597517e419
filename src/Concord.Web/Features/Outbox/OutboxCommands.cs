using Concord.Web.Features.Audit;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Outbox;

public enum ResendOutcome
{
    Queued,
    NotFound,
    AlreadySent,
    BeingSent,
}

/// <summary>
/// A network admin sends unsent e-mail again: the attempts start over and the next try is now. Each is one transaction with its
/// audit line. A message a sender has claimed (being sent this moment) is left alone, so it is never sent twice.
/// </summary>
public sealed class OutboxCommands(ConcordDb db, Auditor audit, EmailStatus status, TimeProvider clock)
{
    public async Task<ResendOutcome> ResendAsync(Guid messageId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var changed = await Resendable(now).Where(m => m.Id == messageId).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Attempts, 0)
            .SetProperty(m => m.NextAttemptAt, now)
            .SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null), ct);
        if (changed == 0)
        {
            await transaction.RollbackAsync(ct);
            var message = await db.Set<OutboxMessage>().Where(m => m.Id == messageId).Select(m => new { m.SentAt }).FirstOrDefaultAsync(ct);
            return message is null ? ResendOutcome.NotFound : message.SentAt is not null ? ResendOutcome.AlreadySent : ResendOutcome.BeingSent;
        }

        audit.Record(AuditActions.EmailResent, nameof(OutboxMessage), messageId);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        status.Invalidate();
        return ResendOutcome.Queued;
    }

    /// <summary>Every unsent message that has failed at least once (and is not being sent right now) is tried again now.</summary>
    public async Task<int> ResendFailedAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var changed = await Resendable(now).Where(m => m.LastError != null).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Attempts, 0)
            .SetProperty(m => m.NextAttemptAt, now)
            .SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null), ct);
        if (changed == 0)
        {
            await transaction.RollbackAsync(ct);
            return 0;
        }

        audit.Record(AuditActions.EmailResent, nameof(OutboxMessage), details: $"{changed} unsent {(changed == 1 ? "e-mail" : "e-mails")} tried again");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        status.Invalidate();
        return changed;
    }

    private IQueryable<OutboxMessage> Resendable(DateTimeOffset now) =>
        db.Set<OutboxMessage>().Where(m => m.SentAt == null && (m.ClaimedUntil == null || m.ClaimedUntil < now));
}
