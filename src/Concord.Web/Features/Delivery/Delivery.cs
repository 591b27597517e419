using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concord.Web.Features.Delivery;

/// <summary>A workstream or activity the partners deliver together.</summary>
public sealed class Workstream : IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PartnershipId { get; init; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public int Version { get; set; }
}

/// <summary>One letter of the responsibility matrix: a role a partner holds in a workstream. A partner may hold several
/// roles in one workstream (one row each); no row means the cell is empty.</summary>
public sealed class MatrixCell
{
    public Guid WorkstreamId { get; init; }
    public Guid PartnerId { get; init; }
    public Guid PartnershipId { get; init; }
    public RaciRole Role { get; init; }
}

public sealed class DeliveryConfiguration : IEntityTypeConfiguration<Workstream>, IEntityTypeConfiguration<MatrixCell>
{
    public void Configure(EntityTypeBuilder<Workstream> builder)
    {
        builder.ToTable("workstreams");
        builder.Property(w => w.Title).HasMaxLength(200);
        builder.Property(w => w.Description).HasMaxLength(4000);
        builder.HasIndex(w => w.PartnershipId);
        builder.HasOne<Partnership>().WithMany().HasForeignKey(w => w.PartnershipId).OnDelete(DeleteBehavior.Cascade);
        builder.ConfigureVersion();
    }

    public void Configure(EntityTypeBuilder<MatrixCell> builder)
    {
        builder.ToTable("matrix_cells");
        builder.HasKey(c => new { c.WorkstreamId, c.PartnerId, c.Role });
        builder.HasIndex(c => c.PartnershipId);
        builder.HasIndex(c => c.PartnerId);
        builder.Property(c => c.Role).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Workstream>().WithMany().HasForeignKey(c => c.WorkstreamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Partner>().WithMany().HasForeignKey(c => c.PartnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
