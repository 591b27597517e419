using System.ComponentModel.DataAnnotations;
using Concord.Web.Features.Accounts;
using Concord.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concord.Web.Features.Organisations;

public enum OrganisationType
{
    [Display(Name = "Charity")] Charity,
    [Display(Name = "Community interest company (CIC)")] Cic,
    [Display(Name = "Community group")] CommunityGroup,
    [Display(Name = "School or college")] SchoolOrCollege,
    [Display(Name = "Council")] Council,
    [Display(Name = "NHS body")] NhsBody,
    [Display(Name = "Housing association")] HousingAssociation,
    [Display(Name = "Other")] Other,
}

public enum IncomeBand
{
    [Display(Name = "Not given")] NotGiven,
    [Display(Name = "Under £10,000")] Under10k,
    [Display(Name = "£10,000 to £100,000")] From10kTo100k,
    [Display(Name = "£100,000 to £1 million")] From100kTo1m,
    [Display(Name = "£1 million to £10 million")] From1mTo10m,
    [Display(Name = "Over £10 million")] Over10m,
}

public enum OrganisationRole
{
    [Display(Name = "Organisation admin")] Admin,
    [Display(Name = "Staff")] Staff,
    [Display(Name = "Volunteer")] Volunteer,
}

/// <summary>A member organisation of the network: a charity, group, school, council team and so on.</summary>
public sealed class Organisation : IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public OrganisationType Type { get; set; }
    public string? CharityNumber { get; set; }
    public string? CompanyNumber { get; set; }
    public IncomeBand IncomeBand { get; set; }
    public string? Address { get; set; }
    public string? Website { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public int Version { get; set; }
}

/// <summary>A person's place in an organisation.</summary>
public sealed class OrganisationMembership
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; init; }
    public Guid AccountId { get; init; }
    public OrganisationRole Role { get; set; }
    public DateTimeOffset CreatedAt { get; init; }

    public Organisation? Organisation { get; init; }
    public Account? Account { get; init; }
}

public sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>, IEntityTypeConfiguration<OrganisationMembership>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.ToTable("organisations");
        builder.Property(o => o.Name).HasMaxLength(200);
        builder.Property(o => o.Type).HasConversion<string>().HasMaxLength(30);
        builder.Property(o => o.IncomeBand).HasConversion<string>().HasMaxLength(30);
        builder.Property(o => o.CharityNumber).HasMaxLength(20);
        builder.Property(o => o.CompanyNumber).HasMaxLength(20);
        builder.Property(o => o.Address).HasMaxLength(500);
        builder.Property(o => o.Website).HasMaxLength(300);
        builder.HasIndex(o => o.Name);
        builder.ConfigureVersion();
    }

    public void Configure(EntityTypeBuilder<OrganisationMembership> builder)
    {
        builder.ToTable("organisation_memberships");
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(m => new { m.OrganisationId, m.AccountId }).IsUnique();
        builder.HasIndex(m => m.AccountId);
        builder.HasOne(m => m.Organisation).WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.Account).WithMany().HasForeignKey(m => m.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
