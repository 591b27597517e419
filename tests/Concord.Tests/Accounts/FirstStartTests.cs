using System.Net;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Accounts;
using Concord.Web.Features.Audit;
using Concord.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Tests.Accounts;

public sealed class FirstStartTests
{
    [Theory, BothDatabases]
    public async Task Set_up_needs_the_console_token_and_works_only_once(Db db)
    {
        await using var app = await ConcordFactory.CreateAsync(db);
        var token = app.Services.GetRequiredService<SetupToken>().Value;
        var client = app.Browser();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/setup")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/setup?token=guess")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/setup?token={token}")).StatusCode);

        var email = TestPeople.UniqueEmail("admin");
        var invalid = await client.PostFormAsync($"/setup?token={token}", new()
        {
            ["token"] = token,
            ["Input.NetworkName"] = "",
            ["Input.DisplayName"] = "Ada Admin",
            ["Input.Email"] = email,
            ["Input.Password"] = "password1234",
            ["Input.ConfirmPassword"] = "password1234",
        });
        var html = await invalid.Content.ReadAsStringAsync();
        Assert.Contains("Enter the name of your network", html, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(d => d.Users.CountAsync()));

        var common = await client.PostFormAsync($"/setup?token={token}", new()
        {
            ["token"] = token,
            ["Input.NetworkName"] = "Test Network",
            ["Input.DisplayName"] = "Ada Admin",
            ["Input.Email"] = email,
            ["Input.Password"] = "password1234",
            ["Input.ConfirmPassword"] = "password1234",
        });
        Assert.Contains("too common", await common.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(d => d.Users.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<Concord.Web.Features.Network.Network>().CountAsync()));

        var done = await client.PostFormAsync($"/setup?token={token}", new()
        {
            ["token"] = token,
            ["Input.NetworkName"] = "Test Network",
            ["Input.DisplayName"] = "Ada Admin",
            ["Input.Email"] = email,
            ["Input.Password"] = "a long walk by the river",
            ["Input.ConfirmPassword"] = "a long walk by the river",
        });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.StartsWith("/account/two-factor", done.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var admin = await app.WithDbAsync(d => d.Users.SingleAsync());
        Assert.Equal(NetworkRole.NetworkAdmin, admin.NetworkRole);
        Assert.Equal("Test Network", await app.WithDbAsync(d => d.Set<Concord.Web.Features.Network.Network>().Select(n => n.Name).SingleAsync()));
        Assert.True(await app.WithDbAsync(d => d.Set<AuditEntry>().AnyAsync(a => a.Action == AuditActions.NetworkSetUp)));

        // The administrator must set up two-step verification before anything else.
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/account/two-factor", home.Headers.Location!.OriginalString, StringComparison.Ordinal);

        // Set-up is gone once an account exists, even with the right token.
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync($"/setup?token={token}")).StatusCode);
    }
}
