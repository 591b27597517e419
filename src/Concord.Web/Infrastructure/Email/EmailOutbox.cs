using Concord.Web.Infrastructure.Database;

namespace Concord.Web.Infrastructure.Email;

public sealed class EmailOptions
{
    /// <summary>SMTP server; when empty, messages wait in the outbox and network admins see a warning.</summary>
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 25;
    public string? SmtpUsername { get; set; }
    public string? SmtpPassword { get; set; }
    /// <summary>None, StartTls, SslOnConnect or Auto (MailKit's SecureSocketOptions).</summary>
    public string SmtpSecurity { get; set; } = "Auto";
    public string From { get; set; } = "Concord <concord@localhost>";
    public double PollSeconds { get; set; } = 10;
    public int MaxAttempts { get; set; } = 8;
    /// <summary>The address people use to reach Concord, for links in e-mails sent outside a request (digests).</summary>
    public string? PublicUrl { get; set; }
}

/// <summary>Queues e-mail in the same transaction as the change that causes it; the caller saves.</summary>
public sealed class EmailOutbox(ConcordDb db, TimeProvider clock, EmailStatus? status = null)
{
    public void Enqueue(string to, string subject, string textBody)
    {
        var now = clock.GetUtcNow();
        db.Add(new OutboxMessage
        {
            To = to,
            Subject = subject,
            TextBody = textBody,
            CreatedAt = now,
            NextAttemptAt = now,
        });
        // What admins are told (how many are waiting) is read again on their next page.
        status?.Invalidate();
    }
}

/// <summary>Builds absolute links for e-mails: from the current request, or from Email:PublicUrl.</summary>
public sealed class LinkBuilder(IHttpContextAccessor accessor, Microsoft.Extensions.Options.IOptions<EmailOptions> options)
{
    public string Absolute(string pathAndQuery)
    {
        var request = accessor.HttpContext?.Request;
        var root = options.Value.PublicUrl?.TrimEnd('/')
            ?? (request is null ? "http://localhost:5080" : $"{request.Scheme}://{request.Host}{request.PathBase}");
        return root + pathAndQuery;
    }
}
