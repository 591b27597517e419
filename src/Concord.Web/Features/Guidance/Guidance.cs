using Concord.Web.Features.Accounts;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concord.Web.Features.Guidance;

/// <summary>
/// A guidance article for the whole network, written by the learning team. An article belongs to one
/// lifecycle stage, or is a spotlight on a theme (Stage is null). The body is Markdown, rendered sanitised.
/// </summary>
public sealed class GuidanceArticle : IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    /// <summary>The article's address: /guidance/{slug}.</summary>
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public string Summary { get; set; } = "";
    public PartnershipStage? Stage { get; set; }
    public string Body { get; set; } = "";
    /// <summary>Lesson category slugs (comma-separated) whose lessons are related.</summary>
    public string RelatedCategories { get; set; } = "";
    /// <summary>Lesson tags (comma-separated) whose lessons are related.</summary>
    public string RelatedTags { get; set; } = "";
    public int SortOrder { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid? UpdatedById { get; set; }
    public int Version { get; set; }

    public bool IsSpotlight => Stage is null;

    public static IReadOnlyList<string> SplitList(string? list) =>
        [.. (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase)];
}

/// <summary>A list of things to do, drawn from the guidance, that a partnership can adopt. The learning team edits it.</summary>
public sealed class ChecklistTemplate : IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public PartnershipStage? Stage { get; set; }
    /// <summary>The guidance article the checklist is drawn from, if any.</summary>
    public string? GuidanceSlug { get; set; }
    /// <summary>The items, one a line (kept as text so an edit is one versioned row).</summary>
    public string Items { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }

    public IReadOnlyList<string> ItemList => SplitLines(Items);

    public static IReadOnlyList<string> SplitLines(string? text) =>
        [.. (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => l.TrimStart('-', '*', ' ').Trim()).Where(l => l.Length > 0)];
}

/// <summary>A checklist a partnership adopted: a copy of the template's items at the time, so later template edits do not move anyone's ticks.</summary>
public sealed class PartnershipChecklist
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PartnershipId { get; init; }
    public Guid? TemplateId { get; init; }
    public required string Title { get; set; }
    public PartnershipStage? Stage { get; set; }
    public string? GuidanceSlug { get; set; }
    public DateTimeOffset AdoptedAt { get; init; }
    public Guid? AdoptedById { get; init; }

    public List<ChecklistItem> ItemsList { get; init; } = [];
}

/// <summary>One thing to do in an adopted checklist; ticked by a member (who, when, an optional note).</summary>
public sealed class ChecklistItem
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ChecklistId { get; init; }
    public required string Text { get; set; }
    public int SortOrder { get; set; }
    public DateTimeOffset? TickedAt { get; set; }
    public Guid? TickedById { get; set; }
    public string? Note { get; set; }

    public Account? TickedBy { get; init; }
}

public sealed class GuidanceConfiguration :
    IEntityTypeConfiguration<GuidanceArticle>, IEntityTypeConfiguration<ChecklistTemplate>,
    IEntityTypeConfiguration<PartnershipChecklist>, IEntityTypeConfiguration<ChecklistItem>
{
    public void Configure(EntityTypeBuilder<GuidanceArticle> builder)
    {
        builder.ToTable("guidance_articles");
        builder.Property(a => a.Slug).HasMaxLength(100);
        builder.HasIndex(a => a.Slug).IsUnique();
        builder.Property(a => a.Title).HasMaxLength(200);
        builder.Property(a => a.Summary).HasMaxLength(1000);
        builder.Property(a => a.Body).HasMaxLength(40000);
        builder.Property(a => a.RelatedCategories).HasMaxLength(1000);
        builder.Property(a => a.RelatedTags).HasMaxLength(1000);
        builder.Property(a => a.Stage).HasConversion<string>().HasMaxLength(20);
        builder.Ignore(a => a.IsSpotlight);
        builder.HasOne<Account>().WithMany().HasForeignKey(a => a.UpdatedById).OnDelete(DeleteBehavior.SetNull);
        builder.ConfigureVersion();
        builder.HasData(DefaultGuidance.Articles);
    }

    public void Configure(EntityTypeBuilder<ChecklistTemplate> builder)
    {
        builder.ToTable("checklist_templates");
        builder.Property(t => t.Title).HasMaxLength(200);
        builder.Property(t => t.Description).HasMaxLength(2000);
        builder.Property(t => t.GuidanceSlug).HasMaxLength(100);
        builder.Property(t => t.Items).HasMaxLength(10000);
        builder.Property(t => t.Stage).HasConversion<string>().HasMaxLength(20);
        builder.Ignore(t => t.ItemList);
        builder.ConfigureVersion();
        builder.HasData(DefaultGuidance.Checklists);
    }

    public void Configure(EntityTypeBuilder<PartnershipChecklist> builder)
    {
        builder.ToTable("partnership_checklists");
        builder.Property(c => c.Title).HasMaxLength(200);
        builder.Property(c => c.GuidanceSlug).HasMaxLength(100);
        builder.Property(c => c.Stage).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(c => c.PartnershipId);
        builder.HasOne<Partnership>().WithMany().HasForeignKey(c => c.PartnershipId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ChecklistTemplate>().WithMany().HasForeignKey(c => c.TemplateId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Account>().WithMany().HasForeignKey(c => c.AdoptedById).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(c => c.ItemsList).WithOne().HasForeignKey(i => i.ChecklistId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ChecklistItem> builder)
    {
        builder.ToTable("checklist_items");
        builder.Property(i => i.Text).HasMaxLength(500);
        builder.Property(i => i.Note).HasMaxLength(1000);
        builder.HasIndex(i => i.ChecklistId);
        builder.HasOne(i => i.TickedBy).WithMany().HasForeignKey(i => i.TickedById).OnDelete(DeleteBehavior.SetNull);
    }
}
