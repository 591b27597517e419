using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concord.Web.Features.Commitments;

/// <summary>One row per London date the commitments digest was sent. The date is the key, so a second
/// process sending the same day's digest fails to insert and its e-mails are not saved either.</summary>
public sealed class DigestRun
{
    public DateOnly Date { get; init; }
    public DateTimeOffset RanAt { get; init; }
    public int Messages { get; init; }
}

public sealed class DigestRunConfiguration : IEntityTypeConfiguration<DigestRun>
{
    public void Configure(EntityTypeBuilder<DigestRun> builder)
    {
        builder.ToTable("commitment_digest_runs");
        builder.HasKey(r => r.Date);
        builder.Property(r => r.Date).ValueGeneratedNever();
    }
}
