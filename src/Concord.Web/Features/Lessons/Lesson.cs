using Concord.Web.Features.Accounts;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concord.Web.Features.Lessons;

/// <summary>
/// A lesson learned: what a partnership (or someone at a networking event) found worked or did not.
/// <see cref="LibraryTitle"/> and <see cref="LibraryText"/> are what the library shows and searches: the
/// anonymised text for a public lesson, the lesson's own words otherwise (kept up to date by <see cref="LessonText"/>).
/// </summary>
public sealed class Lesson : IVersioned
{
    private string? recommendation;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Title { get; set; }
    public string? Context { get; set; }
    public string? WhatHappened { get; set; }
    public LessonKind Kind { get; set; }

    public string? Recommendation
    {
        get => recommendation;
        set
        {
            recommendation = value;
            HasRecommendation = value is not null;
        }
    }

    /// <summary>Stored so that "lessons with a recommendation first, then the newest" is read from an index
    /// (the suggestions on a partnership's home); kept by <see cref="Recommendation"/>'s setter.</summary>
    public bool HasRecommendation { get; private set; }
    public Guid? CategoryId { get; set; }
    public PartnershipStage? Stage { get; set; }
    /// <summary>Evidence described in words, or links (one a line).</summary>
    public string? Evidence { get; set; }
    /// <summary>The person who wrote it; null for a lesson sent through an event collection link.</summary>
    public Guid? AuthorId { get; set; }
    public Guid? PartnershipId { get; set; }
    /// <summary>A describing word for the kind of partnership, e.g. "Health and care"; never a name.</summary>
    public string? PartnershipType { get; set; }
    /// <summary>When it happened (optional).</summary>
    public DateOnly? OccurredOn { get; set; }
    public LessonVisibility Visibility { get; set; }
    public ModerationState Moderation { get; set; }
    /// <summary>The event collection link it came through, when it did.</summary>
    public Guid? CollectionLinkId { get; set; }
    /// <summary>Name (and organisation) a person gave when sending the lesson through an event link.</summary>
    public string? SubmittedBy { get; set; }
    public string LibraryTitle { get; set; } = "";
    public string LibraryText { get; set; } = "";
    /// <summary>Why the learning team did not publish it (shown to its author); set when rejected, cleared when sent again.</summary>
    public string? RejectionReason { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }

    public List<LessonTag> Tags { get; init; } = [];
    public LessonCategoryEntry? Category { get; init; }
    public Account? Author { get; init; }
    public Partnership? Partnership { get; init; }
    public LessonCollectionLink? CollectionLink { get; init; }
}

/// <summary>One tag on a lesson, stored lower-case.</summary>
public sealed class LessonTag
{
    public Guid LessonId { get; init; }
    public required string Tag { get; init; }
}

/// <summary>
/// A category in the network's editable lessons taxonomy (seeded from <see cref="DefaultTaxonomy"/>).
/// A retired category keeps its lessons but is not offered for new ones.
/// </summary>
public sealed class LessonCategoryEntry : IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Slug { get; init; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    /// <summary>Comma-separated words that help the category suggester.</summary>
    public string Keywords { get; set; } = "";
    public int SortOrder { get; set; }
    public bool IsRetired { get; set; }
    public int Version { get; set; }

    public LessonCategory ToRule() => new(Slug, Name, Description,
        [.. Keywords.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]);
}

/// <summary>A link the learning team hands out at a networking event so anyone can send lessons without an account.</summary>
public sealed class LessonCollectionLink : IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    /// <summary>The secret in the public URL.</summary>
    public required string Token { get; init; }
    public DateTimeOffset ClosesAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public Guid? CreatedById { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public int Version { get; set; }

    public bool IsOpen(DateTimeOffset now) => ClosedAt is null && now < ClosesAt;
}

public sealed class LessonConfiguration :
    IEntityTypeConfiguration<Lesson>, IEntityTypeConfiguration<LessonTag>,
    IEntityTypeConfiguration<LessonCategoryEntry>, IEntityTypeConfiguration<LessonCollectionLink>
{
    public void Configure(EntityTypeBuilder<Lesson> builder)
    {
        builder.ToTable("lessons");
        builder.Property(l => l.Title).HasMaxLength(LessonCsvImport.MaxTitleLength);
        builder.Property(l => l.Context).HasMaxLength(LessonCsvImport.MaxTextLength);
        builder.Property(l => l.WhatHappened).HasMaxLength(LessonCsvImport.MaxTextLength);
        builder.Property(l => l.Recommendation).HasMaxLength(LessonCsvImport.MaxTextLength);
        builder.Property(l => l.Evidence).HasMaxLength(LessonCsvImport.MaxTextLength);
        builder.Property(l => l.PartnershipType).HasMaxLength(100);
        builder.Property(l => l.SubmittedBy).HasMaxLength(200);
        builder.Property(l => l.LibraryTitle).HasMaxLength(LessonCsvImport.MaxTitleLength);
        builder.Property(l => l.RejectionReason).HasMaxLength(LessonCommands.MaxReasonLength);
        builder.Property(l => l.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(l => l.Stage).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.Visibility).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.Moderation).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(l => new { l.Moderation, l.Visibility, l.CreatedAt });
        builder.HasIndex(l => new { l.PartnershipId, l.CreatedAt });
        // Suggestions on a partnership's home: published lessons at a stage (or in a category), recommendation first, newest first.
        builder.HasIndex(l => new { l.Moderation, l.Stage, l.HasRecommendation, l.CreatedAt });
        builder.HasIndex(l => new { l.Moderation, l.CategoryId, l.HasRecommendation, l.CreatedAt });
        builder.HasIndex(l => l.CategoryId);
        builder.HasIndex(l => l.AuthorId);
        builder.HasIndex(l => l.CollectionLinkId);
        builder.HasMany(l => l.Tags).WithOne().HasForeignKey(t => t.LessonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(l => l.Category).WithMany().HasForeignKey(l => l.CategoryId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(l => l.Author).WithMany().HasForeignKey(l => l.AuthorId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(l => l.Partnership).WithMany().HasForeignKey(l => l.PartnershipId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(l => l.CollectionLink).WithMany().HasForeignKey(l => l.CollectionLinkId).OnDelete(DeleteBehavior.SetNull);
        builder.ConfigureVersion();
    }

    public void Configure(EntityTypeBuilder<LessonTag> builder)
    {
        builder.ToTable("lesson_tags");
        builder.HasKey(t => new { t.LessonId, t.Tag });
        builder.Property(t => t.Tag).HasMaxLength(LessonCsvImport.MaxTagLength);
        builder.HasIndex(t => new { t.Tag, t.LessonId });
    }

    public void Configure(EntityTypeBuilder<LessonCategoryEntry> builder)
    {
        builder.ToTable("lesson_categories");
        builder.Property(c => c.Slug).HasMaxLength(80);
        builder.Property(c => c.Name).HasMaxLength(100);
        builder.Property(c => c.Description).HasMaxLength(1000);
        builder.Property(c => c.Keywords).HasMaxLength(2000);
        builder.HasIndex(c => c.Slug).IsUnique();
        builder.ConfigureVersion();
    }

    public void Configure(EntityTypeBuilder<LessonCollectionLink> builder)
    {
        builder.ToTable("lesson_collection_links");
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Token).HasMaxLength(64);
        builder.HasIndex(c => c.Token).IsUnique();
        builder.HasOne<Account>().WithMany().HasForeignKey(c => c.CreatedById).OnDelete(DeleteBehavior.SetNull);
        builder.ConfigureVersion();
    }
}
