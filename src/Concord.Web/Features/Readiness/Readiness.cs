using System.ComponentModel.DataAnnotations;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concord.Web.Features.Readiness;

/// <summary>One partner organisation's answers to the readiness reflection, in its own words.</summary>
public sealed class ReadinessReflection : IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PartnershipId { get; init; }
    public Guid PartnerId { get; init; }
    public string? WhyPartner { get; set; }
    public string? AddedValue { get; set; }
    public string? PeopleServed { get; set; }
    public FunderDriven? FunderDriven { get; set; }
    public string? FunderDrivenExplanation { get; set; }
    public string? MissionAtStake { get; set; }
    public string? SmallPartner { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid? UpdatedById { get; set; }
    public int Version { get; set; }

    /// <summary>Every question answered (the funder question with its choice); until then the answers are a draft.</summary>
    public bool IsComplete =>
        FunderDriven is not null && Answers().Where(a => a.Key != ReadinessRules.FunderDrivenKey).All(a => !string.IsNullOrWhiteSpace(a.Value));

    public IReadOnlyDictionary<string, string?> Answers() => new Dictionary<string, string?>
    {
        [ReadinessRules.WhyPartner] = WhyPartner,
        [ReadinessRules.AddedValue] = AddedValue,
        [ReadinessRules.PeopleServed] = PeopleServed,
        [ReadinessRules.FunderDrivenKey] = FunderDrivenExplanation,
        [ReadinessRules.MissionAtStake] = MissionAtStake,
        [ReadinessRules.SmallPartner] = SmallPartner,
    };
}

public enum AimKind
{
    [Display(Name = "Own aim")] Aim,
    [Display(Name = "Funder requirement")] FunderRequirement,
    [Display(Name = "Outcome requirement")] OutcomeRequirement,
}

/// <summary>An aim, a funder's requirement or an outcome requirement a partner brings to the partnership (its agenda).</summary>
public sealed class PartnerAim
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PartnershipId { get; init; }
    public Guid PartnerId { get; init; }
    public AimKind Kind { get; set; }
    public required string Description { get; set; }
    /// <summary>For a funder requirement: which funder asks for it.</summary>
    public string? Funder { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>An objective of the partnership as a whole, mapped to the partner aims it serves.</summary>
public sealed class Objective : IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PartnershipId { get; init; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public int Version { get; set; }
}

/// <summary>"This objective serves that partner aim."</summary>
public sealed class ObjectiveAim
{
    public Guid ObjectiveId { get; init; }
    public Guid AimId { get; init; }
}

public sealed class ReadinessConfiguration :
    IEntityTypeConfiguration<ReadinessReflection>, IEntityTypeConfiguration<PartnerAim>,
    IEntityTypeConfiguration<Objective>, IEntityTypeConfiguration<ObjectiveAim>
{
    public const int AnswerLength = 4000;

    public void Configure(EntityTypeBuilder<ReadinessReflection> builder)
    {
        builder.ToTable("readiness_reflections");
        builder.HasIndex(r => r.PartnerId).IsUnique();
        builder.HasIndex(r => r.PartnershipId);
        foreach (var name in new[] { nameof(ReadinessReflection.WhyPartner), nameof(ReadinessReflection.AddedValue), nameof(ReadinessReflection.PeopleServed),
                     nameof(ReadinessReflection.FunderDrivenExplanation), nameof(ReadinessReflection.MissionAtStake), nameof(ReadinessReflection.SmallPartner) })
        {
            builder.Property<string?>(name).HasMaxLength(AnswerLength);
        }

        builder.Property(r => r.FunderDriven).HasConversion<string>().HasMaxLength(10);
        builder.HasOne<Partnership>().WithMany().HasForeignKey(r => r.PartnershipId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Partner>().WithMany().HasForeignKey(r => r.PartnerId).OnDelete(DeleteBehavior.Cascade);
        builder.ConfigureVersion();
    }

    public void Configure(EntityTypeBuilder<PartnerAim> builder)
    {
        builder.ToTable("partner_aims");
        builder.Property(a => a.Description).HasMaxLength(1000);
        builder.Property(a => a.Funder).HasMaxLength(200);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(30);
        builder.HasIndex(a => a.PartnershipId);
        builder.HasOne<Partnership>().WithMany().HasForeignKey(a => a.PartnershipId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Partner>().WithMany().HasForeignKey(a => a.PartnerId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<Objective> builder)
    {
        builder.ToTable("objectives");
        builder.Property(o => o.Title).HasMaxLength(200);
        builder.Property(o => o.Description).HasMaxLength(4000);
        builder.HasIndex(o => o.PartnershipId);
        builder.HasOne<Partnership>().WithMany().HasForeignKey(o => o.PartnershipId).OnDelete(DeleteBehavior.Cascade);
        builder.ConfigureVersion();
    }

    public void Configure(EntityTypeBuilder<ObjectiveAim> builder)
    {
        builder.ToTable("objective_aims");
        builder.HasKey(x => new { x.ObjectiveId, x.AimId });
        builder.HasIndex(x => x.AimId);
        builder.HasOne<Objective>().WithMany().HasForeignKey(x => x.ObjectiveId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PartnerAim>().WithMany().HasForeignKey(x => x.AimId).OnDelete(DeleteBehavior.Cascade);
    }
}
