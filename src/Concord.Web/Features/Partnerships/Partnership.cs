using System.ComponentModel.DataAnnotations;
using Concord.Web.Features.Accounts;
using Concord.Web.Features.Organisations;
using Concord.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concord.Web.Features.Partnerships;

public enum PartnershipStatus
{
    [Display(Name = "Forming")] Forming,
    [Display(Name = "Active")] Active,
    [Display(Name = "Ending")] Ending,
    [Display(Name = "Closed")] Closed,
}

public enum PartnerRole
{
    [Display(Name = "Lead partner")] Lead,
    [Display(Name = "Delivery partner")] Delivery,
    [Display(Name = "Referral partner")] Referral,
    [Display(Name = "Associate")] Associate,
}

public enum PartnershipRole
{
    [Display(Name = "Coordinator")] Coordinator,
    [Display(Name = "Partner lead")] PartnerLead,
    [Display(Name = "Staff")] Staff,
    [Display(Name = "Volunteer")] Volunteer,
    [Display(Name = "Steering group member")] SteeringMember,
    [Display(Name = "Observer")] Observer,
}

/// <summary>Organisations working together on a funded project.</summary>
public sealed class Partnership : IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public string Purpose { get; set; } = "";
    public string? Beneficiaries { get; set; }
    public string? Area { get; set; }
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public string? Funder { get; set; }
    public PartnershipStatus Status { get; set; }
    public Guid LeadOrganisationId { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public int Version { get; set; }

    public Organisation? LeadOrganisation { get; init; }
}

/// <summary>An organisation taking part in a partnership, in a partner role.</summary>
public sealed class Partner : IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PartnershipId { get; init; }
    public Guid OrganisationId { get; init; }
    public PartnerRole Role { get; set; }
    public DateOnly JoinedOn { get; set; }
    public DateOnly? LeftOn { get; set; }
    public Guid? LeadContactId { get; set; }
    public int Version { get; set; }

    public Organisation? Organisation { get; init; }
    public Account? LeadContact { get; init; }
}

/// <summary>A person's place in a partnership. Only members see the partnership's data.</summary>
public sealed class PartnershipMembership
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PartnershipId { get; init; }
    public Guid AccountId { get; init; }
    public PartnershipRole Role { get; set; }
    /// <summary>The partner organisation the person represents, when they represent one.</summary>
    public Guid? OrganisationId { get; set; }
    public DateTimeOffset CreatedAt { get; init; }

    public Partnership? Partnership { get; init; }
    public Account? Account { get; init; }
    public Organisation? Organisation { get; init; }
}

public sealed class PartnershipConfiguration :
    IEntityTypeConfiguration<Partnership>, IEntityTypeConfiguration<Partner>, IEntityTypeConfiguration<PartnershipMembership>
{
    public void Configure(EntityTypeBuilder<Partnership> builder)
    {
        builder.ToTable("partnerships");
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Purpose).HasMaxLength(4000);
        builder.Property(p => p.Beneficiaries).HasMaxLength(2000);
        builder.Property(p => p.Area).HasMaxLength(200);
        builder.Property(p => p.Funder).HasMaxLength(200);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasOne(p => p.LeadOrganisation).WithMany().HasForeignKey(p => p.LeadOrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.ConfigureVersion();
    }

    public void Configure(EntityTypeBuilder<Partner> builder)
    {
        builder.ToTable("partners");
        builder.Property(p => p.Role).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(p => new { p.PartnershipId, p.OrganisationId }).IsUnique();
        builder.HasIndex(p => p.OrganisationId);
        builder.HasOne<Partnership>().WithMany().HasForeignKey(p => p.PartnershipId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(p => p.Organisation).WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.LeadContact).WithMany().HasForeignKey(p => p.LeadContactId).OnDelete(DeleteBehavior.SetNull);
        builder.ConfigureVersion();
    }

    public void Configure(EntityTypeBuilder<PartnershipMembership> builder)
    {
        builder.ToTable("partnership_memberships");
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(m => new { m.PartnershipId, m.AccountId }).IsUnique();
        builder.HasIndex(m => m.AccountId);
        builder.HasOne(m => m.Partnership).WithMany().HasForeignKey(m => m.PartnershipId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.Account).WithMany().HasForeignKey(m => m.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.Organisation).WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.SetNull);
    }
}
