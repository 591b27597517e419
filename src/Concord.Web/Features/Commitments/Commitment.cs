using System.ComponentModel.DataAnnotations;
using Concord.Web.Features.Accounts;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concord.Web.Features.Commitments;

/// <summary>Where a commitment was made.</summary>
public enum CommitmentSource
{
    [Display(Name = "Partnership agreement")] Agreement,
    [Display(Name = "Meeting")] Meeting,
    [Display(Name = "Ledger entry")] LedgerEntry,
}

/// <summary>
/// Something a partner organisation has promised to do by a date. <see cref="ReportedStatus"/> is what was
/// last reported; the status people see comes from <see cref="CommitmentRules.EffectiveStatus(CommitmentStatus, DateOnly, DateOnly)"/>,
/// so a commitment past its due date shows as late without anyone saying so.
/// </summary>
public sealed class Commitment : IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PartnershipId { get; init; }
    /// <summary>What will be done.</summary>
    public required string What { get; set; }
    /// <summary>The partner (the organisation's place in this partnership) who owns it.</summary>
    public Guid OwnerPartnerId { get; set; }
    /// <summary>The person at the owner partner who answers for it, when one is named.</summary>
    public Guid? OwnerPersonId { get; set; }
    public DateOnly DueDate { get; set; }
    /// <summary>How we will know it is done.</summary>
    public string DoneWhen { get; set; } = "";
    public CommitmentSource Source { get; set; }
    /// <summary>The ledger entry the promise was recorded in, when <see cref="Source"/> is a ledger entry.</summary>
    public Guid? SourceLedgerEntryId { get; set; }
    public CommitmentStatus ReportedStatus { get; set; }
    /// <summary>The London date it was reported done.</summary>
    public DateOnly? DoneOn { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public Guid? CreatedById { get; init; }
    public int Version { get; set; }

    public Partner? OwnerPartner { get; init; }
    public Account? OwnerPerson { get; init; }

    public CommitmentFacts ToFacts() => new(Id, OwnerPartnerId, DueDate, ReportedStatus, DoneOn);
}

/// <summary>A dated status report on a commitment, with a note. Kept as history; never edited.</summary>
public sealed class CommitmentUpdate
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CommitmentId { get; init; }
    /// <summary>The London date the update is about.</summary>
    public DateOnly Date { get; init; }
    public CommitmentStatus Status { get; init; }
    public string Note { get; init; } = "";
    public Guid? ById { get; init; }
    public DateTimeOffset RecordedAt { get; init; }

    public Account? By { get; init; }
}

public sealed class CommitmentConfiguration : IEntityTypeConfiguration<Commitment>, IEntityTypeConfiguration<CommitmentUpdate>
{
    public void Configure(EntityTypeBuilder<Commitment> builder)
    {
        builder.ToTable("commitments");
        builder.Property(c => c.What).HasMaxLength(500);
        builder.Property(c => c.DoneWhen).HasMaxLength(2000);
        builder.Property(c => c.Source).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.ReportedStatus).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(c => new { c.PartnershipId, c.DueDate });
        builder.HasIndex(c => new { c.OwnerPersonId, c.DueDate });
        builder.HasIndex(c => new { c.OwnerPartnerId, c.DueDate });
        builder.HasIndex(c => c.SourceLedgerEntryId);
        builder.HasOne<Partnership>().WithMany().HasForeignKey(c => c.PartnershipId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(c => c.OwnerPartner).WithMany().HasForeignKey(c => c.OwnerPartnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.OwnerPerson).WithMany().HasForeignKey(c => c.OwnerPersonId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Account>().WithMany().HasForeignKey(c => c.CreatedById).OnDelete(DeleteBehavior.SetNull);
        builder.ConfigureVersion();
    }

    public void Configure(EntityTypeBuilder<CommitmentUpdate> builder)
    {
        builder.ToTable("commitment_updates");
        builder.Property(u => u.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(u => u.Note).HasMaxLength(2000);
        builder.HasIndex(u => new { u.CommitmentId, u.RecordedAt });
        builder.HasOne<Commitment>().WithMany().HasForeignKey(u => u.CommitmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(u => u.By).WithMany().HasForeignKey(u => u.ById).OnDelete(DeleteBehavior.SetNull);
    }
}
