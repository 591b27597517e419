using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concord.Web.Features.Accounts;

public enum ApiTokenKind
{
    /// <summary>Issued by POST /api/v1/auth/token after a password (and code) check; short-lived.</summary>
    Session,
    /// <summary>Created by a person on their account page for a script or integration; named, with an expiry.</summary>
    Personal,
}

public enum ApiTokenScope
{
    Read,
    ReadWrite,
}

/// <summary>A bearer token for the API. Only its SHA-256 hash is stored; the secret is shown once.</summary>
public sealed class ApiToken
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid AccountId { get; init; }
    public ApiTokenKind Kind { get; init; }
    public required string Name { get; init; }
    public ApiTokenScope Scope { get; init; }
    public required string TokenHash { get; init; }
    /// <summary>The first characters of the token, so a person can recognise it in a list.</summary>
    public required string Prefix { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }

    public Account? Account { get; init; }
}

public sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.ToTable("api_tokens");
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.Property(t => t.Prefix).HasMaxLength(16);
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(10);
        builder.Property(t => t.Scope).HasConversion<string>().HasMaxLength(10);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => t.AccountId);
        builder.HasOne(t => t.Account).WithMany().HasForeignKey(t => t.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
