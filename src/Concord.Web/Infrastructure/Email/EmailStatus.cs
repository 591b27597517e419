using Concord.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Concord.Web.Infrastructure.Email;

/// <summary>Whether e-mail is leaving Concord: no mail server set up, mail failing or stuck, or working.</summary>
public enum EmailState
{
    Working,
    NotConfigured,
    Failing,
}

/// <summary>
/// How e-mail is doing, for the warning network admins see and for the words after an invitation.
/// <see cref="Waiting"/> counts the messages that show a problem: unsent, queued in the last <see cref="Window"/>, and either
/// failed at least once or waiting longer than <see cref="StuckAfter"/>.
/// </summary>
public sealed record EmailHealth(EmailState State, int Waiting, string? LastError)
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(7);
    public static readonly TimeSpan StuckAfter = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Reads <see cref="EmailHealth"/> at most once per <see cref="BoundSeconds"/> per process (two small queries on the outbox's
/// unsent rows), so showing it on every page a network admin opens costs nothing most of the time. Whether a mail server
/// is set up is configuration, read without a query. A send failure, a resend and a change of settings in this process
/// make the next read fresh; other processes see it within the bound.
/// </summary>
public sealed class EmailStatus(IServiceScopeFactory scopes, IOptionsMonitor<EmailOptions> options, TimeProvider clock)
{
    public const int BoundSeconds = 30;

    private readonly SemaphoreSlim gate = new(1, 1);
    private (EmailHealth Health, DateTimeOffset ReadAt)? cached;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.CurrentValue.SmtpHost);

    /// <summary>Forgets what was read, so the next caller reads the outbox again.</summary>
    public void Invalidate() => cached = null;

    public async Task<EmailHealth> GetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (Fresh(now) is { } fresh)
        {
            return fresh;
        }

        await gate.WaitAsync(ct);
        try
        {
            if (Fresh(now) is { } again)
            {
                return again;
            }

            var health = await ReadAsync(now, ct);
            cached = (health, now);
            return health;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>What was read, while it is younger than the bound and still matches whether a mail server is set up.</summary>
    private EmailHealth? Fresh(DateTimeOffset now) =>
        cached is { } c && now >= c.ReadAt && now - c.ReadAt < TimeSpan.FromSeconds(BoundSeconds) &&
        (c.Health.State == EmailState.NotConfigured) == !IsConfigured
            ? c.Health
            : null;

    private async Task<EmailHealth> ReadAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConcordDb>();
        var since = now - EmailHealth.Window;
        var stuckBefore = now - EmailHealth.StuckAfter;
        var unsent = db.Set<OutboxMessage>().Where(m => m.SentAt == null && m.CreatedAt > since);
        if (!IsConfigured)
        {
            return new EmailHealth(EmailState.NotConfigured, await unsent.CountAsync(ct), null);
        }

        var troubled = unsent.Where(m => m.LastError != null || m.CreatedAt < stuckBefore);
        var waiting = await troubled.CountAsync(ct);
        if (waiting == 0)
        {
            return new EmailHealth(EmailState.Working, 0, null);
        }

        var lastError = await troubled.Where(m => m.LastError != null).OrderByDescending(m => m.NextAttemptAt)
            .Select(m => m.LastError).FirstOrDefaultAsync(ct);
        return new EmailHealth(EmailState.Failing, waiting, lastError);
    }
}
