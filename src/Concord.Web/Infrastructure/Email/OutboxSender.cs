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
/// Failures are retried with growing gaps, then given up and left visible in the outbox.
/// </summary>
public sealed class OutboxSender(IServiceScopeFactory scopes, IOptionsMonitor<EmailOptions> options, TimeProvider clock, ILogger<OutboxSender> logger)
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

        using var smtp = new SmtpClient();
        smtp.Timeout = 15_000;
        await smtp.ConnectAsync(settings.SmtpHost!, settings.SmtpPort,
            Enum.TryParse<SecureSocketOptions>(settings.SmtpSecurity, true, out var security) ? security : SecureSocketOptions.Auto, ct);
        if (!string.IsNullOrEmpty(settings.SmtpUsername))
        {
            await smtp.AuthenticateAsync(settings.SmtpUsername, settings.SmtpPassword ?? "", ct);
        }

        var sent = 0;
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
            try
            {
                var mime = new MimeMessage();
                mime.From.Add(MailboxAddress.Parse(settings.From));
                mime.To.Add(MailboxAddress.Parse(message.To));
                mime.Subject = message.Subject;
                mime.Body = new TextPart("plain") { Text = message.TextBody };
                await smtp.SendAsync(mime, ct);
                var sentAt = clock.GetUtcNow();
                await db.Set<OutboxMessage>().Where(m => m.Id == id).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.SentAt, sentAt)
                    .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                    .SetProperty(m => m.LastError, (string?)null), ct);
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var attempts = message.Attempts + 1;
                var next = clock.GetUtcNow().AddSeconds(Math.Min(3600, 30 * Math.Pow(2, attempts)));
                var error = ex.Message.Length > 1000 ? ex.Message[..1000] : ex.Message;
                await db.Set<OutboxMessage>().Where(m => m.Id == id).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.NextAttemptAt, next)
                    .SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null)
                    .SetProperty(m => m.LastError, error), ct);
                logger.LogWarning(ex, "Sending e-mail {MessageId} failed (attempt {Attempt}).", id, attempts);
            }
        }

        await smtp.DisconnectAsync(true, ct);
        return sent;
    }
}
