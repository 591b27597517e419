using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concord.Web.Features.Accounts;

/// <summary>Network-wide roles. Everything else a person may do comes from organisation and partnership memberships.</summary>
public enum NetworkRole
{
    None = 0,
    /// <summary>Manages organisations and accounts; never reads beneficiaries' personal data.</summary>
    NetworkAdmin = 1,
    /// <summary>Reads what partnerships share with the network, and runs the lessons library.</summary>
    LearningTeam = 2,
}

/// <summary>A person who signs in. Password, lock-out, two-factor and e-mail confirmation come from ASP.NET Core Identity.</summary>
public sealed class Account : IdentityUser<Guid>
{
    public Account()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString();
    }

    public string DisplayName { get; set; } = "";
    public NetworkRole NetworkRole { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastSignInAt { get; set; }
}

public sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.ToTable("accounts");
        builder.Property(a => a.DisplayName).HasMaxLength(200);
        builder.Property(a => a.NetworkRole).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(a => a.NetworkRole);
    }
}

public sealed class IdentityTablesConfiguration :
    IEntityTypeConfiguration<IdentityUserClaim<Guid>>,
    IEntityTypeConfiguration<IdentityUserLogin<Guid>>,
    IEntityTypeConfiguration<IdentityUserToken<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserClaim<Guid>> builder) => builder.ToTable("account_claims");
    public void Configure(EntityTypeBuilder<IdentityUserLogin<Guid>> builder) => builder.ToTable("account_logins");
    public void Configure(EntityTypeBuilder<IdentityUserToken<Guid>> builder) => builder.ToTable("account_tokens");
}
