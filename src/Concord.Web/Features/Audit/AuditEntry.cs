using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concord.Web.Features.Audit;

/// <summary>
/// One line of the append-only audit trail: who did what to which record, when and from where.
/// No code updates or deletes these rows; on both databases a trigger refuses UPDATE and DELETE.
/// </summary>
public sealed class AuditEntry
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public DateTimeOffset At { get; init; }
    public Guid? ActorId { get; init; }
    /// <summary>Kept as written at the time, so the trail still reads after an account changes.</summary>
    public string? ActorEmail { get; init; }
    public required string Action { get; init; }
    public string? SubjectType { get; init; }
    public Guid? SubjectId { get; init; }
    public Guid? OrganisationId { get; init; }
    public Guid? PartnershipId { get; init; }
    public string? IpAddress { get; init; }
    public string? Details { get; init; }
}

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public const string Table = "audit_entries";

    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable(Table);
        builder.Property(a => a.ActorEmail).HasMaxLength(256);
        builder.Property(a => a.Action).HasMaxLength(80);
        builder.Property(a => a.SubjectType).HasMaxLength(80);
        builder.Property(a => a.IpAddress).HasMaxLength(64);
        builder.Property(a => a.Details).HasMaxLength(2000);
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => new { a.OrganisationId, a.At });
        builder.HasIndex(a => new { a.PartnershipId, a.At });
        builder.HasIndex(a => new { a.ActorId, a.At });
        builder.HasIndex(a => new { a.SubjectId, a.At });
    }
}
