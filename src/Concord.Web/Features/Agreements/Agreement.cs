using System.ComponentModel.DataAnnotations;
using Concord.Web.Features.Accounts;
using Concord.Web.Features.Partnerships;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concord.Web.Features.Agreements;

public enum AgreementChangeKind
{
    [Display(Name = "First version")] First,
    [Display(Name = "Draft revision")] Revision,
    [Display(Name = "Enhancement")] Enhancement,
    [Display(Name = "Change")] Change,
}

/// <summary>
/// One version of the partnership agreement. Versions are never edited: every edit makes a new one, so a
/// signature always refers to the exact text it was given for. <see cref="Text"/> is what is signed: the
/// words people wrote (<see cref="Body"/>) followed by a snapshot of the delivery model and commitments
/// generated when the version was made.
/// </summary>
public sealed class AgreementVersion
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PartnershipId { get; init; }
    public int Number { get; init; }
    public required string Body { get; init; }
    public required string Text { get; init; }
    public required string TextHash { get; init; }
    public AgreementChangeKind Kind { get; init; }
    public string? Reason { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public Guid? CreatedById { get; init; }

    public Account? CreatedBy { get; init; }
}

/// <summary>A partner's lead contact signing one version: who, when, and the hash of the exact text they signed.</summary>
public sealed class AgreementSignature
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid AgreementVersionId { get; init; }
    public Guid PartnerId { get; init; }
    public Guid? SignedById { get; init; }
    public required string SignedByName { get; init; }
    public DateTimeOffset SignedAt { get; init; }
    public required string TextHash { get; init; }
}

public sealed class AgreementConfiguration : IEntityTypeConfiguration<AgreementVersion>, IEntityTypeConfiguration<AgreementSignature>
{
    public void Configure(EntityTypeBuilder<AgreementVersion> builder)
    {
        builder.ToTable("agreement_versions");
        builder.HasIndex(v => new { v.PartnershipId, v.Number }).IsUnique();
        builder.Property(v => v.Body).HasMaxLength(100_000);
        builder.Property(v => v.Text).HasMaxLength(200_000);
        builder.Property(v => v.TextHash).HasMaxLength(64);
        builder.Property(v => v.Reason).HasMaxLength(2000);
        builder.Property(v => v.Kind).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Partnership>().WithMany().HasForeignKey(v => v.PartnershipId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(v => v.CreatedBy).WithMany().HasForeignKey(v => v.CreatedById).OnDelete(DeleteBehavior.SetNull);
    }

    public void Configure(EntityTypeBuilder<AgreementSignature> builder)
    {
        builder.ToTable("agreement_signatures");
        builder.HasIndex(s => new { s.AgreementVersionId, s.PartnerId }).IsUnique();
        builder.HasIndex(s => s.PartnerId);
        builder.Property(s => s.SignedByName).HasMaxLength(200);
        builder.Property(s => s.TextHash).HasMaxLength(64);
        builder.HasOne<AgreementVersion>().WithMany().HasForeignKey(s => s.AgreementVersionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Partner>().WithMany().HasForeignKey(s => s.PartnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Account>().WithMany().HasForeignKey(s => s.SignedById).OnDelete(DeleteBehavior.SetNull);
    }
}
