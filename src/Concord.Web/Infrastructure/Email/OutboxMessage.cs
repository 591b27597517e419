using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concord.Web.Infrastructure.Email;

/// <summary>
/// An e-mail waiting to go out. Saved in the same transaction as the change that caused it,
/// then sent by <see cref="OutboxSender"/>, with retries, so no e-mail is lost or sent for a change that failed.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string To { get; init; }
    public required string Subject { get; init; }
    public required string TextBody { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    /// <summary>A sender claims a message until this time, so two app processes never send it twice.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }
}

public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.Property(m => m.To).HasMaxLength(256);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.TextBody).HasMaxLength(20000);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
    }
}
