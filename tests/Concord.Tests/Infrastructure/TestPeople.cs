using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Concord.Web.Features.Accounts;
using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace Concord.Tests.Infrastructure;

public sealed record TestAccount(Guid Id, string Email, string Password, string? AuthenticatorKey)
{
    /// <summary>The current code an authenticator app would show.</summary>
    public string Code() => new Totp(Base32Encoding.ToBytes(AuthenticatorKey!)).ComputeTotp();
}

/// <summary>People, organisations and partnerships for tests, and clients signed in as them over real HTTP.</summary>
public static partial class TestPeople
{
    public const string Password = "correct horse battery staple";

    public static string UniqueEmail(string name = "person") => $"{name}.{Guid.NewGuid():N}@test.example";

    public static async Task<TestAccount> CreateAccountAsync(this ConcordFactory app, string? email = null,
        NetworkRole role = NetworkRole.None, bool twoFactor = false, string? name = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        email ??= UniqueEmail();
        var account = new Account
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name ?? "Test " + email.Split('@')[0].Split('.')[0],
            NetworkRole = role,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        var created = await users.CreateAsync(account, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        string? key = null;
        if (twoFactor || role == NetworkRole.NetworkAdmin)
        {
            await users.ResetAuthenticatorKeyAsync(account);
            key = await users.GetAuthenticatorKeyAsync(account);
            await users.SetTwoFactorEnabledAsync(account, true);
        }

        return new TestAccount(account.Id, email, Password, key);
    }

    /// <summary>An HTTP client with its own cookies, not following redirects (tests look at them).</summary>
    public static HttpClient Browser(this ConcordFactory app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Signs in through the real sign-in pages (and the code page when two-step verification is on).</summary>
    public static async Task<HttpClient> SignInAsync(this ConcordFactory app, TestAccount account)
    {
        var client = app.Browser();
        var response = await client.PostFormAsync("/account/sign-in", new() { ["Input.Email"] = account.Email, ["Input.Password"] = account.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        if (response.Headers.Location!.OriginalString.StartsWith("/account/sign-in/two-factor", StringComparison.Ordinal))
        {
            response = await client.PostFormAsync(response.Headers.Location.OriginalString, new() { ["Input.Code"] = account.Code() });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        return client;
    }

    /// <summary>A client that calls the API with a bearer token from POST /api/v1/auth/token.</summary>
    public static async Task<HttpClient> ApiAsync(this ConcordFactory app, TestAccount account)
    {
        var client = app.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new
        {
            email = account.Email,
            password = account.Password,
            code = account.AuthenticatorKey is null ? null : account.Code(),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>GETs the form page for its antiforgery token, then POSTs the fields as a browser would.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        var page = await client.GetAsync(formPage ?? url);
        var html = await page.Content.ReadAsStringAsync();
        var token = AntiforgeryToken().Match(html);
        var values = new Dictionary<string, string>(fields);
        if (token.Success)
        {
            values["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        }

        return await client.PostAsync(url, new FormUrlEncodedContent(values));
    }

    /// <summary>Creates an organisation with the given people as members (straight into the database: test set-up).</summary>
    public static async Task<Organisation> CreateOrganisationAsync(this ConcordFactory app, string? name = null,
        params (TestAccount Account, OrganisationRole Role)[] members)
    {
        return await app.WithDbAsync(async db =>
        {
            var organisation = new Organisation { Name = name ?? "Org " + Guid.NewGuid().ToString("N")[..8], Type = OrganisationType.Charity, CreatedAt = DateTimeOffset.UtcNow };
            db.Add(organisation);
            foreach (var (account, role) in members)
            {
                db.Add(new OrganisationMembership { OrganisationId = organisation.Id, AccountId = account.Id, Role = role, CreatedAt = DateTimeOffset.UtcNow });
            }

            await db.SaveChangesAsync();
            return organisation;
        });
    }

    /// <summary>Creates a partnership led by the organisation, with the given members (test set-up).</summary>
    public static async Task<Partnership> CreatePartnershipAsync(this ConcordFactory app, Organisation lead,
        params (TestAccount Account, PartnershipRole Role)[] members)
    {
        return await app.WithDbAsync(async db =>
        {
            var partnership = new Partnership
            {
                Name = "Partnership " + Guid.NewGuid().ToString("N")[..8],
                Purpose = "Testing",
                LeadOrganisationId = lead.Id,
                Status = PartnershipStatus.Active,
                CreatedAt = DateTimeOffset.UtcNow,
            };
            db.Add(partnership);
            db.Add(new Partner { PartnershipId = partnership.Id, OrganisationId = lead.Id, Role = PartnerRole.Lead, JoinedOn = DateOnly.FromDateTime(DateTime.UtcNow) });
            foreach (var (account, role) in members)
            {
                db.Add(new PartnershipMembership { PartnershipId = partnership.Id, AccountId = account.Id, Role = role, OrganisationId = lead.Id, CreatedAt = DateTimeOffset.UtcNow });
            }

            await db.SaveChangesAsync();
            return partnership;
        });
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
