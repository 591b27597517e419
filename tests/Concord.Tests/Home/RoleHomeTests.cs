using System.Net;
using System.Net.Http.Json;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Accounts;
using Concord.Web.Features.Lessons;
using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;
using Microsoft.Extensions.DependencyInjection;
using static Concord.Tests.Infrastructure.PageTestPeople;

namespace Concord.Tests.Home;

/// <summary>Each role's home shows what that role needs (issue 10 #12), with a fixed number of queries.</summary>
[Collection(AppCollection.Name)]
public sealed class RoleHomeTests(AppFixture fixture)
{
    private static async Task<Guid> PartnershipAsync(ConcordFactory app, string name)
    {
        var coordinator = await ApiTestPeople.CreateAsync(app);
        var organisationId = await ApiTestPeople.OrganisationAsync(app, (coordinator, OrganisationRole.Admin));
        var created = await JsonAsync(await coordinator.Api.PostAsJsonAsync("/api/v1/partnerships", new { name, purpose = "Together", leadOrganisationId = organisationId }),
            HttpStatusCode.Created);
        return created.GetProperty("id").GetGuid();
    }

    [Theory, BothDatabases]
    public async Task A_network_admin_sees_organisations_partnerships_and_what_waits(Db db)
    {
        var app = await fixture.ForAsync(db);
        var name = "Overseen " + Guid.NewGuid().ToString("N")[..6];
        await PartnershipAsync(app, name);
        await app.WithDbAsync(async d =>
        {
            d.Add(new Organisation { Name = "No admin " + Guid.NewGuid().ToString("N")[..6], CreatedAt = DateTimeOffset.UtcNow });
            await d.SaveChangesAsync();
        });
        var admin = await ApiTestPeople.CreateAsync(app, NetworkRole.NetworkAdmin);
        var html = await (await (await SignInAsync(app, admin)).GetAsync("/")).Content.ReadAsStringAsync();
        Assert.Contains("Your network", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/organisations\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/accounts\"", html, StringComparison.Ordinal);
        Assert.Contains("without an admin", html, StringComparison.Ordinal);
        Assert.Contains(name, html, StringComparison.Ordinal);
        Assert.Contains("Start a new partnership", html, StringComparison.Ordinal);
        Assert.DoesNotContain("You are not in a partnership yet", html, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task The_learning_team_sees_the_moderation_queue_and_cannot_start_a_partnership(Db db)
    {
        var app = await fixture.ForAsync(db);
        var learning = await ApiTestPeople.CreateAsync(app, NetworkRole.LearningTeam);
        var client = await SignInAsync(app, learning);
        var before = await (await client.GetAsync("/")).Content.ReadAsStringAsync();
        var count = int.Parse(System.Text.RegularExpressions.Regex.Match(before, @"(\d+) lessons? (are|is) waiting").Groups[1].Value is { Length: > 0 } n ? n : "0",
            System.Globalization.CultureInfo.InvariantCulture);
        await app.WithDbAsync(async d =>
        {
            d.Add(new Lesson { Title = "Waiting " + Guid.NewGuid().ToString("N")[..6], Moderation = ModerationState.Pending, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow });
            await d.SaveChangesAsync();
        });

        var html = await (await client.GetAsync("/")).Content.ReadAsStringAsync();
        Assert.Contains($"{count + 1} {(count + 1 == 1 ? "lesson is" : "lessons are")} waiting for moderation", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/lessons/moderation\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Start a new partnership", html, StringComparison.Ordinal);
        Assert.DoesNotContain("You are not in a partnership yet", html, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task An_observer_sees_the_partnerships_they_observe_with_a_link_to_each(Db db)
    {
        await using var app = await ConcordFactory.CreateAsync(db, services: RequestCommandLog.AddTo);
        var log = app.Services.GetRequiredService<RequestCommandLog>();
        var funder = await ApiTestPeople.CreateAsync(app);
        var first = await PartnershipAsync(app, "Observed one");
        await app.WithDbAsync(async d =>
        {
            d.Add(new PartnershipMembership { PartnershipId = first, AccountId = funder.Id, Role = PartnershipRole.Observer, CreatedAt = DateTimeOffset.UtcNow });
            await d.SaveChangesAsync();
        });
        var client = await SignInAsync(app, funder);
        await client.GetAsync("/");
        log.Take();
        var html = await (await client.GetAsync("/")).Content.ReadAsStringAsync();
        var one = log.Take().Count;
        Assert.Contains("Partnerships you observe", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/partnerships/{first}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Start a new partnership", html, StringComparison.Ordinal);

        for (var i = 0; i < 4; i++)
        {
            var more = await PartnershipAsync(app, $"Observed {i}");
            await app.WithDbAsync(async d =>
            {
                d.Add(new PartnershipMembership { PartnershipId = more, AccountId = funder.Id, Role = PartnershipRole.Observer, CreatedAt = DateTimeOffset.UtcNow });
                await d.SaveChangesAsync();
            });
        }

        // The first request after the memberships changed re-reads the session's account snapshot; measure the next one.
        await client.GetAsync("/");
        log.Take();
        await client.GetAsync("/");
        Assert.Equal(one, log.Take().Count);
        Console.WriteLine($"QUERYCOUNT observer home ({db}): {one}");
    }
}
