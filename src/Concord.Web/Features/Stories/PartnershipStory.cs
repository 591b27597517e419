using Concord.Web.Features.Accounts;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concord.Web.Features.Stories;

public enum StoryState
{
    Draft,
    Published,
}

/// <summary>
/// A partnership's story (case study): background, what was done, what was learned. A draft is seen
/// only by the partnership's members; a published story by everyone in the network. The learning team
/// chooses published stories for the practitioners' report.
/// </summary>
public sealed class PartnershipStory : IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PartnershipId { get; init; }
    public required string Title { get; set; }
    public string Background { get; set; } = "";
    public string WhatWasDone { get; set; } = "";
    public string WhatWasLearned { get; set; } = "";
    public StoryState State { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public bool SelectedForReports { get; set; }
    public Guid? CreatedById { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }

    public Partnership? Partnership { get; init; }

    /// <summary>A short summary for lists and reports: the first sentence or so of what was learned.</summary>
    public string ShortSummary => Shorten(string.IsNullOrWhiteSpace(WhatWasLearned) ? Background : WhatWasLearned, 240);

    private static string Shorten(string text, int max)
    {
        var flat = string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= max ? flat : flat[..(max - 1)].TrimEnd() + "…";
    }
}

public sealed class PartnershipStoryConfiguration : IEntityTypeConfiguration<PartnershipStory>
{
    public void Configure(EntityTypeBuilder<PartnershipStory> builder)
    {
        builder.ToTable("partnership_stories");
        builder.Property(s => s.Title).HasMaxLength(200);
        builder.Property(s => s.Background).HasMaxLength(10000);
        builder.Property(s => s.WhatWasDone).HasMaxLength(10000);
        builder.Property(s => s.WhatWasLearned).HasMaxLength(10000);
        builder.Property(s => s.State).HasConversion<string>().HasMaxLength(20);
        builder.Ignore(s => s.ShortSummary);
        builder.HasIndex(s => new { s.PartnershipId, s.State });
        builder.HasIndex(s => new { s.State, s.PublishedAt });
        builder.HasOne(s => s.Partnership).WithMany().HasForeignKey(s => s.PartnershipId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(s => s.CreatedById).OnDelete(DeleteBehavior.SetNull);
        builder.ConfigureVersion();
    }
}
