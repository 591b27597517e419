using System.Net;
using System.Net.Http.Json;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Concord.Tests.Infrastructure.PageTestPeople;

namespace Concord.Tests.Partnerships;

/// <summary>The people page (issue 10 #15), the compact home, and stale edits of partnerships and partners on pages and in the API.</summary>
[Collection(AppCollection.Name)]
public sealed class PeopleAndStaleEditTests(AppFixture fixture)
{
    private static async Task<(ApiPerson Coordinator, Guid OrganisationId, Guid Id)> StartAsync(ConcordFactory app)
    {
        var coordinator = await ApiTestPeople.CreateAsync(app);
        var organisationId = await ApiTestPeople.OrganisationAsync(app, (coordinator, OrganisationRole.Staff));
        var created = await JsonAsync(await coordinator.Api.PostAsJsonAsync("/api/v1/partnerships", new
        {
            name = "Warm Spaces",
            purpose = "Somewhere warm to meet",
            leadOrganisationId = organisationId,
        }), HttpStatusCode.Created);
        return (coordinator, organisationId, created.GetProperty("id").GetGuid());
    }

    private static async Task<ApiPerson> MemberAsync(ConcordFactory app, Guid partnershipId, Guid organisationId, PartnershipRole role, string? name = null)
    {
        var person = await ApiTestPeople.CreateAsync(app, name: name);
        await app.WithDbAsync(async d =>
        {
            d.Add(new OrganisationMembership { OrganisationId = organisationId, AccountId = person.Id, Role = OrganisationRole.Volunteer, CreatedAt = DateTimeOffset.UtcNow });
            d.Add(new PartnershipMembership { PartnershipId = partnershipId, AccountId = person.Id, Role = role, OrganisationId = organisationId, CreatedAt = DateTimeOffset.UtcNow });
            await d.SaveChangesAsync();
        });
        return person;
    }

    [Theory, BothDatabases]
    public async Task People_are_managed_on_their_own_page_and_the_home_only_lists_them(Db db)
    {
        var app = await fixture.ForAsync(db);
        var (coordinator, organisationId, id) = await StartAsync(app);
        var volunteer = await MemberAsync(app, id, organisationId, PartnershipRole.Volunteer, "Vera Volunteer");
        var client = await SignInAsync(app, coordinator);

        var home = await (await client.GetAsync($"/partnerships/{id}")).Content.ReadAsStringAsync();
        Assert.Contains("Vera Volunteer", home, StringComparison.Ordinal);
        Assert.Contains($"href=\"/partnerships/{id}/people\"", home, StringComparison.Ordinal);
        Assert.DoesNotContain("Change role", home, StringComparison.Ordinal);
        Assert.DoesNotContain("<select", home, StringComparison.Ordinal);
        Assert.DoesNotContain(volunteer.Email, home, StringComparison.Ordinal);

        var people = await client.GetAsync($"/partnerships/{id}/people");
        Assert.Equal(HttpStatusCode.OK, people.StatusCode);
        var html = await people.Content.ReadAsStringAsync();
        Assert.Contains("Change role", html, StringComparison.Ordinal);
        Assert.Contains(volunteer.Email, html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/partnerships/{id}/people?page=0")).StatusCode);

        var token = await AntiforgeryTokenAsync(client, $"/partnerships/{id}/people");
        var promoted = await PostFormAsync(client, $"/partnerships/{id}/people?handler=Role", token, ("accountId", volunteer.Id.ToString()), ("role", "PartnerLead"));
        Assert.Equal(HttpStatusCode.Redirect, promoted.StatusCode);
        Assert.Equal($"/partnerships/{id}/people", promoted.Headers.Location?.OriginalString);
        var removed = await PostFormAsync(client, $"/partnerships/{id}/people?handler=Remove", token, ("accountId", volunteer.Id.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostFormAsync(client, $"/partnerships/{id}/people?handler=Remove", token, ("accountId", volunteer.Id.ToString()))).StatusCode);
        Assert.False(await app.WithDbAsync(d => d.Set<PartnershipMembership>().AnyAsync(m => m.PartnershipId == id && m.AccountId == volunteer.Id)));

        // A member who is not a coordinator sees the home without the link, and is refused the people page.
        var staff = await MemberAsync(app, id, organisationId, PartnershipRole.Staff);
        var staffClient = await SignInAsync(app, staff);
        Assert.DoesNotContain("Manage people", await (await staffClient.GetAsync($"/partnerships/{id}")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        AssertForbidden(await staffClient.GetAsync($"/partnerships/{id}/people"));
    }

    [Theory, BothDatabases]
    public async Task The_partnership_home_runs_the_same_number_of_queries_however_many_people_and_partners(Db db)
    {
        await using var app = await ConcordFactory.CreateAsync(db, services: RequestCommandLog.AddTo);
        var log = app.Services.GetRequiredService<RequestCommandLog>();
        var (coordinator, organisationId, id) = await StartAsync(app);
        var client = await SignInAsync(app, coordinator);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/partnerships/{id}")).StatusCode);
        log.Take();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/partnerships/{id}")).StatusCode);
        var few = log.Take().Count;

        for (var i = 0; i < 12; i++)
        {
            await MemberAsync(app, id, organisationId, PartnershipRole.Volunteer);
        }

        await app.WithDbAsync(async d =>
        {
            for (var i = 0; i < 5; i++)
            {
                var o = new Organisation { Name = $"Partner {i} {Guid.NewGuid():N}", CreatedAt = DateTimeOffset.UtcNow };
                d.Add(o);
                d.Add(new Partner { PartnershipId = id, OrganisationId = o.Id, Role = PartnerRole.Delivery, JoinedOn = new DateOnly(2026, 1, 1) });
            }

            await d.SaveChangesAsync();
        });
        log.Take();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/partnerships/{id}")).StatusCode);
        var many = log.Take().Count;
        Assert.Equal(few, many);
        Assert.True(many <= 34, $"The home ran {many} queries");
        Console.WriteLine($"QUERYCOUNT partnership home ({db}): {many}");
    }

    [Theory, BothDatabases]
    public async Task A_stale_partnership_or_partner_edit_in_the_api_gets_409_with_the_saved_record(Db db)
    {
        var app = await fixture.ForAsync(db);
        var (coordinator, _, id) = await StartAsync(app);

        var missing = await ProblemAsync(await coordinator.Api.PutAsJsonAsync($"/api/v1/partnerships/{id}", new { name = "No version", purpose = "x" }), HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("version", out _));

        await JsonAsync(await coordinator.Api.PutAsJsonAsync($"/api/v1/partnerships/{id}", new { name = "First", purpose = "Somewhere warm", version = 0 }), HttpStatusCode.OK);
        var stale = await ProblemAsync(await coordinator.Api.PutAsJsonAsync($"/api/v1/partnerships/{id}", new { name = "Second", purpose = "Somewhere warm", version = 0 }), HttpStatusCode.Conflict);
        Assert.Equal("First", stale.GetProperty("current").GetProperty("name").GetString());
        Assert.Equal(1, stale.GetProperty("current").GetProperty("version").GetInt32());

        var partners = await JsonAsync(await coordinator.Api.GetAsync($"/api/v1/partnerships/{id}/partners"), HttpStatusCode.OK);
        var partner = partners[0];
        var partnerId = partner.GetProperty("id").GetGuid();
        Assert.Equal(0, partner.GetProperty("version").GetInt32());
        await ProblemAsync(await coordinator.Api.PutAsJsonAsync($"/api/v1/partnerships/{id}/partners/{partnerId}", new { leadContactId = (Guid?)null }), HttpStatusCode.BadRequest);
        var cleared = await JsonAsync(await coordinator.Api.PutAsJsonAsync($"/api/v1/partnerships/{id}/partners/{partnerId}",
            new { leadContactId = (Guid?)null, version = 0 }), HttpStatusCode.OK);
        Assert.Equal(1, cleared.GetProperty("version").GetInt32());
        var stalePartner = await ProblemAsync(await coordinator.Api.PutAsJsonAsync($"/api/v1/partnerships/{id}/partners/{partnerId}",
            new { leadContactId = coordinator.Id, version = 0 }), HttpStatusCode.Conflict);
        Assert.Equal(JsonValueKindNull, stalePartner.GetProperty("current").GetProperty("leadContactId").ValueKind);
        Assert.Null(await app.WithDbAsync(d => d.Set<Partner>().Where(p => p.Id == partnerId).Select(p => p.LeadContactId).SingleAsync()));

        // Other members may not change a partner: 403.
        var member = await MemberAsync(app, id, partner.GetProperty("organisationId").GetGuid(), PartnershipRole.Staff);
        await ProblemAsync(await member.Api.PutAsJsonAsync($"/api/v1/partnerships/{id}/partners/{partnerId}", new { version = 1 }), HttpStatusCode.Forbidden);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [Theory, BothDatabases]
    public async Task A_stale_partner_edit_on_the_page_gets_409_with_both_versions(Db db)
    {
        var app = await fixture.ForAsync(db);
        var (coordinator, organisationId, id) = await StartAsync(app);
        var partnerId = await app.WithDbAsync(d => d.Set<Partner>().Where(p => p.PartnershipId == id).Select(p => p.Id).SingleAsync());
        var client = await SignInAsync(app, coordinator);
        var token = await AntiforgeryTokenAsync(client, $"/partnerships/{id}/partners/{partnerId}");
        Assert.Contains("name=\"Input.Version\" value=\"0\"", await (await client.GetAsync($"/partnerships/{id}/partners/{partnerId}")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await AssertRedirectAsync(PostFormAsync(client, $"/partnerships/{id}/partners/{partnerId}", token, ("Input.LeadContactId", ""), ("Input.Version", "0")));
        var stale = await PostFormAsync(client, $"/partnerships/{id}/partners/{partnerId}", token, ("Input.LeadContactId", coordinator.Id.ToString()), ("Input.Version", "0"));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var html = await stale.Content.ReadAsStringAsync();
        Assert.Contains("Someone else changed this partner", html, StringComparison.Ordinal);
        Assert.Contains("No lead contact", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.Version\" value=\"1\"", html, StringComparison.Ordinal);
        Assert.Null(await app.WithDbAsync(d => d.Set<Partner>().Where(p => p.Id == partnerId).Select(p => p.LeadContactId).SingleAsync()));
        Assert.NotEqual(Guid.Empty, organisationId);
    }
}
