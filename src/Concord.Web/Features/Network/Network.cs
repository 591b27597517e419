using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concord.Web.Features.Network;

/// <summary>
/// The funder programme or infrastructure body that runs this installation of Concord.
/// One installation hosts one network of organisations and partnerships.
/// </summary>
public sealed class Network
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}

public sealed class NetworkConfiguration : IEntityTypeConfiguration<Network>
{
    public void Configure(EntityTypeBuilder<Network> builder)
    {
        builder.ToTable("networks");
        builder.Property(n => n.Name).HasMaxLength(200);
    }
}
