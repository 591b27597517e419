using System.Net.Http.Headers;
using Concord.Web.Features.Accounts;
using Concord.Web.Features.Organisations;
using Concord.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Tests.Infrastructure;

/// <summary>A person with an account and an API client that carries their bearer token.</summary>
public sealed record ApiPerson(Guid Id, string Email, string Name, HttpClient Api);

/// <summary>
/// Makes people and organisations for API tests: an account through Identity and a personal access token row,
/// exactly as the token page would store it (only the hash).
/// </summary>
public static class ApiTestPeople
{
    public static async Task<ApiPerson> CreateAsync(ConcordFactory app, NetworkRole networkRole = NetworkRole.None,
        ApiTokenScope scope = ApiTokenScope.ReadWrite, string? name = null)
    {
        var unique = Guid.NewGuid().ToString("N")[..10];
        var email = $"person-{unique}@example.org";
        name ??= "Person " + unique;
        await using var scopeProvider = app.Services.CreateAsyncScope();
        var users = scopeProvider.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var account = new Account
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name,
            NetworkRole = networkRole,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        var created = await users.CreateAsync(account, "a long test password " + unique);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));

        var secret = ApiTokenHandler.TokenPrefix + Secrets.NewToken();
        await app.WithDbAsync(async db =>
        {
            db.Add(new ApiToken
            {
                AccountId = account.Id,
                Kind = ApiTokenKind.Personal,
                Name = "tests",
                Scope = scope,
                TokenHash = Secrets.Hash(secret),
                Prefix = secret[..8],
                CreatedAt = DateTimeOffset.UtcNow,
                ExpiresAt = DateTimeOffset.UtcNow.AddDays(1),
            });
            await db.SaveChangesAsync();
        });

        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return new ApiPerson(account.Id, email, name, client);
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
