using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concord.Web.Features.Accounts;

/// <summary>
/// A single-use link sent by e-mail that lets a person join an organisation (with an organisation role)
/// and/or a partnership (with a partnership role). Only a hash of the secret is stored.
/// </summary>
public sealed class Invitation
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Email { get; init; }
    public Guid? OrganisationId { get; init; }
    public OrganisationRole? OrganisationRole { get; init; }
    public Guid? PartnershipId { get; init; }
    public PartnershipRole? PartnershipRole { get; init; }
    /// <summary>The partner organisation the person will represent in the partnership.</summary>
    public Guid? RepresentingOrganisationId { get; init; }
    public required string TokenHash { get; init; }
    public Guid InvitedById { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public Guid? AcceptedById { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public Organisation? Organisation { get; init; }
    public Partnership? Partnership { get; init; }
    public Account? InvitedBy { get; init; }
}

public sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.ToTable("invitations");
        builder.Property(i => i.Email).HasMaxLength(256);
        builder.Property(i => i.TokenHash).HasMaxLength(64);
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.Property(i => i.OrganisationRole).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.PartnershipRole).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(i => i.OrganisationId);
        builder.HasIndex(i => i.PartnershipId);
        builder.HasOne(i => i.Organisation).WithMany().HasForeignKey(i => i.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(i => i.Partnership).WithMany().HasForeignKey(i => i.PartnershipId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(i => i.InvitedBy).WithMany().HasForeignKey(i => i.InvitedById).OnDelete(DeleteBehavior.Restrict);
    }
}
