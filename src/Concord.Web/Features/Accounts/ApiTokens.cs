using Concord.Web.Features.Audit;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;

namespace Concord.Web.Features.Accounts;

/// <summary>Issues API tokens. The secret is returned once and only its hash is kept.</summary>
public sealed class ApiTokens(ConcordDb db, Auditor audit, TimeProvider clock)
{
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    public (ApiToken Token, string Secret) Issue(Guid accountId, ApiTokenKind kind, string name, ApiTokenScope scope, TimeSpan lifetime)
    {
        var secret = Secrets.NewToken(ApiTokenHandler.TokenPrefix);
        var now = clock.GetUtcNow();
        var token = new ApiToken
        {
            AccountId = accountId,
            Kind = kind,
            Name = name,
            Scope = scope,
            TokenHash = Secrets.Hash(secret),
            Prefix = secret[..10],
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        db.Add(token);
        audit.Record(AuditActions.TokenIssued, "ApiToken", token.Id, details: $"{kind}: {name} ({scope})", actorId: accountId);
        return (token, secret);
    }
}
