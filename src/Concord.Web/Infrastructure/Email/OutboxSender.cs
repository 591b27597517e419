using Concord.Web.Infrastructure.Database;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Concord.Web.Infrastructure.Email;

/// <summary>
/// Sends queued e-mail over SMTP. Each message is claimed before sending (an UPDATE that only one
/// process can win), so several app processes on one PostgreSQL never send a message twice.
/// Failures (including a mail server that cannot be reached) are recorded on each message and retried with growing gaps,
/// then given up after <see cref="EmailOptions.MaxAttempts"/> and left visible on the outbox page, where a network admin
/// can send them again.
/// </summary>
public sealed class OutboxSender(IServiceScopeFactory scopes, IOptionsMonitor<EmailOptions> options, TimeProvider clock, EmailStatus status,
    ILogger<OutboxSender> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!string.IsNullOrWhiteSpace(options.CurrentValue.SmtpHost))
                {
                    await SendDueAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "The e-mail outbox could not be processed; it will try again.");
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Max(0.05, options.CurrentValue.PollSeconds)), clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var settings = options.CurrentValue;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConcordDb>();
        var now = clock.GetUtcNow();
        var due = await db.Set<OutboxMessage>()
            .Where(m => m.SentAt == null && m.NextAttemptAt <= now && m.Attempts < settings.MaxAttempts &&
                        (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .OrderBy(m => m.NextAttemptAt)
            .Select(m => m.Id)
            .Take(20)
            .ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }

        SmtpClient? smtp = null;
        // When the mail server cannot be reached (or refuses the sign-in), every message of this round records why,
        // so the outbox page and the admins' warning say what is wrong instead of messages silently waiting.
        Exception? cannotConnect = null;
        var sent = 0;
        try
        {
            foreach (var id in due)
            {
                var claimUntil = now.AddMinutes(2);
                var claimed = await db.Set<OutboxMessage>()
                    .Where(m => m.Id == id && m.SentAt == null && (m.ClaimedUntil == null || m.ClaimedUntil < now))
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedUntil, claimUntil), ct);
                if (claimed == 0)
                {
                    continue;
                }

                var message = await db.Set<OutboxMessage>().AsNoTracking().FirstAsync(m => m.Id == id, ct);
                if (smtp is null && cannotConnect is null)
                {
                    try
                    {
                        smtp = await ConnectAsync(settings, ct);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        cannotConnect = ex;
                        logger.LogWarning(ex, "Concord could not connect to the mail server {Host}:{Port}.", settings.SmtpHost, settings.SmtpPort);
                    }
                }

                if (cannotConnect is not null)
                {
                    await MarkFailedAsync(db, message, cannotConnect, ct);
                    continue;
                }

                try
                {
                    var mime = new MimeMessage();
                    mime.From.Add(MailboxAddress.Parse(settings.From));
                    mime.To.Add(MailboxAddress.Parse(message.To));
                    mime.Subject = message.Subject;
                    mime.Body = new TextPart("plain") { Text = message.TextBody };
                    await smtp!.SendAsync(mime, ct);
                    var sentAt = clock.GetUtcNow();
                    await db.Set<OutboxMessage>().Where(m => m.Id == id).ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.SentAt, sentAt)
                        .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                        .SetProperty(m => m.LastError, (string?)null), ct);
                    sent++;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    await MarkFailedAsync(db, message, ex, ct);
                    if (!smtp!.IsConnected)
                    {
                        // The connection dropped: the next message connects again.
                        smtp.Dispose();
                        smtp = null;
                    }
                }
            }
        }
        finally
        {
            // Admins' warning reads the outbox again on its next look (in this process; others within its bound).
            status.Invalidate();
            if (smtp is not null)
            {
                if (smtp.IsConnected)
                {
                    try
                    {
                        await smtp.DisconnectAsync(true, ct);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        logger.LogDebug(ex, "Closing the connection to the mail server failed.");
                    }
                }

                smtp.Dispose();
            }
        }

        return sent;
    }

    private static async Task<SmtpClient> ConnectAsync(EmailOptions settings, CancellationToken ct)
    {
        var smtp = new SmtpClient { Timeout = 15_000 };
        try
        {
            await smtp.ConnectAsync(settings.SmtpHost!, settings.SmtpPort,
                Enum.TryParse<SecureSocketOptions>(settings.SmtpSecurity, true, out var security) ? security : SecureSocketOptions.Auto, ct);
            if (!string.IsNullOrEmpty(settings.SmtpUsername))
            {
                await smtp.AuthenticateAsync(settings.SmtpUsername, settings.SmtpPassword ?? "", ct);
            }

            return smtp;
        }
        catch
        {
            smtp.Dispose();
            throw;
        }
    }

    /// <summary>Records a failed attempt: the error, one more attempt, and the next try after a growing gap (at most an hour).</summary>
    private async Task MarkFailedAsync(ConcordDb db, OutboxMessage message, Exception ex, CancellationToken ct)
    {
        var attempts = message.Attempts + 1;
        var next = clock.GetUtcNow().AddSeconds(Math.Min(3600, 30 * Math.Pow(2, attempts)));
        var error = ex.Message.Length > 1000 ? ex.Message[..1000] : ex.Message;
        await db.Set<OutboxMessage>().Where(m => m.Id == message.Id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.NextAttemptAt, next)
            .SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null)
            .SetProperty(m => m.LastError, error), ct);
        logger.LogWarning(ex, "Sending e-mail {MessageId} failed (attempt {Attempt}).", message.Id, attempts);
    }
}
