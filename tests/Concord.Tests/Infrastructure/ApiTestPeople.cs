using System.Net.Http.Headers;
using Concord.Web.Features.Accounts;
using Concord.Web.Features.Organisations;
using Concord.Web.Infrastructure.Auth;

namespace Concord.Tests.Infrastructure;

/// <summary>A person with an account (signed in for the API through POST /api/v1/auth/token).</summary>
public sealed record ApiPerson(Guid Id, string Email, string Name, HttpClient Api, TestAccount Account);

/// <summary>
/// People for the organisation and partnership tests, built on <see cref="TestPeople"/>: a real account with
/// two-step verification (so coordinators and network admins may use pages) and an API client from the token endpoint.
/// </summary>
public static class ApiTestPeople
{
    public static async Task<ApiPerson> CreateAsync(ConcordFactory app, NetworkRole networkRole = NetworkRole.None, string? name = null)
    {
        name ??= "Person " + Guid.NewGuid().ToString("N")[..8];
        var account = await app.CreateAccountAsync(role: networkRole, twoFactor: true, name: name);
        var client = await app.ApiAsync(account);
        return new ApiPerson(account.Id, account.Email, name, client, account);
    }

    /// <summary>A second token for the same person, read-only.</summary>
    public static async Task<HttpClient> ReadOnlyClientAsync(ConcordFactory app, ApiPerson person)
    {
        var secret = ApiTokenHandler.TokenPrefix + Secrets.NewToken();
        await app.WithDbAsync(async db =>
        {
            db.Add(new ApiToken
            {
                AccountId = person.Id,
                Kind = ApiTokenKind.Personal,
                Name = "read-only tests",
                Scope = ApiTokenScope.Read,
                TokenHash = Secrets.Hash(secret),
                Prefix = secret[..8],
                CreatedAt = DateTimeOffset.UtcNow,
                ExpiresAt = DateTimeOffset.UtcNow.AddDays(1),
            });
            await db.SaveChangesAsync();
        });
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    /// <summary>An organisation with the given people in it, made directly in the database.</summary>
    public static async Task<Guid> OrganisationAsync(ConcordFactory app, params (ApiPerson Person, OrganisationRole Role)[] members)
    {
        var organisation = new Organisation { Name = "Organisation " + Guid.NewGuid().ToString("N")[..10], CreatedAt = DateTimeOffset.UtcNow };
        await app.WithDbAsync(async db =>
        {
            db.Add(organisation);
            foreach (var (person, role) in members)
            {
                db.Add(new OrganisationMembership { OrganisationId = organisation.Id, AccountId = person.Id, Role = role, CreatedAt = DateTimeOffset.UtcNow });
            }

            await db.SaveChangesAsync();
        });
        return organisation.Id;
    }
}
