using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Audit;
using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;
using Microsoft.EntityFrameworkCore;
using static Concord.Tests.Infrastructure.PageTestPeople;

namespace Concord.Tests.Partnerships;

[Collection(AppCollection.Name)]
public sealed class PartnershipPagesTests(AppFixture fixture)
{
    private static async Task<(ApiPerson Coordinator, Guid OrganisationId, Guid PartnershipId)> StartAsync(ConcordFactory app)
    {
        var coordinator = await ApiTestPeople.CreateAsync(app, name: "Coordinator " + Guid.NewGuid().ToString("N")[..6]);
        var organisationId = await ApiTestPeople.OrganisationAsync(app, (coordinator, OrganisationRole.Admin));
        var response = await coordinator.Api.PostAsJsonAsync("/api/v1/partnerships", new { name = "Warm Spaces", purpose = "Somewhere warm to meet", leadOrganisationId = organisationId });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        return (coordinator, organisationId, id);
    }

    [Theory, BothDatabases]
    public async Task Starting_a_partnership_on_the_page_makes_you_coordinator_and_your_organisation_lead_partner(Db db)
    {
        var app = await fixture.ForAsync(db);
        var person = await ApiTestPeople.CreateAsync(app);
        var organisationId = await ApiTestPeople.OrganisationAsync(app, (person, OrganisationRole.Staff));
        var client = await SignInAsync(app, person);
        var token = await AntiforgeryTokenAsync(client, "/partnerships/new");

        var invalid = await PostFormAsync(client, "/partnerships/new", token,
            ("Input.Name", "Befriending"), ("Input.Purpose", ""), ("Input.StartDate", "2026-09-01"), ("Input.EndDate", "2026-08-01"),
            ("Input.Status", "Forming"), ("Input.LeadOrganisationId", organisationId.ToString()));
        var html = await invalid.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        Assert.Contains("There is a problem", html, StringComparison.Ordinal);
        Assert.Contains("The end date must be after the start date", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Befriending\"", html, StringComparison.Ordinal);

        var created = await PostFormAsync(client, "/partnerships/new", token,
            ("Input.Name", "Befriending"), ("Input.Purpose", "Weekly visits"), ("Input.StartDate", "2026-09-01"), ("Input.EndDate", "2027-08-31"),
            ("Input.Status", "Forming"), ("Input.LeadOrganisationId", organisationId.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = Guid.Parse(created.Headers.Location!.ToString().Split('/').Last());

        var membership = await app.WithDbAsync(d => d.Set<PartnershipMembership>().SingleAsync(m => m.PartnershipId == id));
        Assert.Equal((person.Id, PartnershipRole.Coordinator, (Guid?)organisationId), (membership.AccountId, membership.Role, membership.OrganisationId));
        var partner = await app.WithDbAsync(d => d.Set<Partner>().SingleAsync(p => p.PartnershipId == id));
        Assert.Equal((organisationId, PartnerRole.Lead), (partner.OrganisationId, partner.Role));

        var page = await client.GetAsync($"/partnerships/{id}");
        var details = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Add a partner", details, StringComparison.Ordinal);
        Assert.Contains(">Partnerships</a>", details, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task Someone_outside_the_partnership_gets_404_on_every_page_and_form(Db db)
    {
        var app = await fixture.ForAsync(db);
        var (_, organisationId, id) = await StartAsync(app);
        var partnerId = await app.WithDbAsync(d => d.Set<Partner>().Where(p => p.PartnershipId == id).Select(p => p.Id).SingleAsync());
        var (outsider, _, _) = await StartAsync(app);
        var client = await SignInAsync(app, outsider);
        var token = await AntiforgeryTokenAsync(client, "/partnerships");

        foreach (var url in new[] { "", "/edit", "/partners/add", $"/partners/{partnerId}", "/people", "/people/add" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/partnerships/{id}{url}")).StatusCode);
        }

        var posts = new (string Url, (string, string)[] Fields)[]
        {
            ($"/partnerships/{id}/people?handler=Role", [("accountId", outsider.Id.ToString()), ("role", "Coordinator")]),
            ($"/partnerships/{id}/people?handler=Remove", [("accountId", outsider.Id.ToString())]),
            ($"/partnerships/{id}/edit", [("Input.Name", "Mine"), ("Input.Purpose", "Mine"), ("Input.Version", "0")]),
            ($"/partnerships/{id}/partners/add", [("Input.OrganisationId", organisationId.ToString()), ("Input.Role", "Delivery"), ("Input.JoinedOn", "2026-01-01")]),
            ($"/partnerships/{id}/partners/{partnerId}", [("Input.LeftOn", "2026-01-02")]),
            ($"/partnerships/{id}/people/add?handler=Existing", [("Existing.Person", $"{outsider.Id}|{organisationId}"), ("Existing.Role", "Coordinator")]),
            ($"/partnerships/{id}/people/add?handler=Invite", [("Invite.Email", "spy@example.org"), ("Invite.Role", "Coordinator")]),
        };
        foreach (var (url, fields) in posts)
        {
            Assert.True(HttpStatusCode.NotFound == (await PostFormAsync(client, url, token, fields)).StatusCode, url);
        }

        Assert.Equal(1, await app.WithDbAsync(d => d.Set<PartnershipMembership>().CountAsync(m => m.PartnershipId == id)));
        Assert.Equal("Warm Spaces", await app.WithDbAsync(d => d.Set<Partnership>().Where(p => p.Id == id).Select(p => p.Name).SingleAsync()));
    }

    [Theory, BothDatabases]
    public async Task Coordinators_manage_people_but_never_remove_the_last_coordinator_and_members_only_read(Db db)
    {
        var app = await fixture.ForAsync(db);
        var (coordinator, organisationId, id) = await StartAsync(app);
        var volunteer = await ApiTestPeople.CreateAsync(app);
        await app.WithDbAsync(async d =>
        {
            d.Add(new OrganisationMembership { OrganisationId = organisationId, AccountId = volunteer.Id, Role = OrganisationRole.Volunteer, CreatedAt = DateTimeOffset.UtcNow });
            await d.SaveChangesAsync();
        });
        var client = await SignInAsync(app, coordinator);
        var token = await AntiforgeryTokenAsync(client, $"/partnerships/{id}/people/add");

        var added = await PostFormAsync(client, $"/partnerships/{id}/people/add?handler=Existing", token,
            ("Existing.Person", $"{volunteer.Id}|{organisationId}"), ("Existing.Role", "Volunteer"));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        var removeSelf = await PostFormAsync(client, $"/partnerships/{id}/people?handler=Remove", token, ("accountId", coordinator.Id.ToString()));
        Assert.Equal(HttpStatusCode.OK, removeSelf.StatusCode);
        Assert.Contains("is the only coordinator", await removeSelf.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var demoteSelf = await PostFormAsync(client, $"/partnerships/{id}/people?handler=Role", token, ("accountId", coordinator.Id.ToString()), ("role", "Observer"));
        Assert.Contains("is the only coordinator", await demoteSelf.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var promoted = await PostFormAsync(client, $"/partnerships/{id}/people?handler=Role", token, ("accountId", volunteer.Id.ToString()), ("role", "PartnerLead"));
        Assert.Equal(HttpStatusCode.Redirect, promoted.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(d => d.Set<AuditEntry>().CountAsync(a => a.PartnershipId == id && a.Action == AuditActions.PartnershipRoleChanged)));

        var invited = await PostFormAsync(client, $"/partnerships/{id}/people/add?handler=Invite", token,
            ("Invite.Email", "funder@example.org"), ("Invite.Role", "Observer"), ("Invite.OrganisationId", ""));
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);

        // The partner lead is a member, not a coordinator: they read, and are refused every change.
        var member = await SignInAsync(app, volunteer);
        var page = await member.GetAsync($"/partnerships/{id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("Add a partner", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var memberToken = await AntiforgeryTokenAsync(member, $"/partnerships/{id}");
        AssertForbidden(await member.GetAsync($"/partnerships/{id}/partners/add"));
        AssertForbidden(await member.GetAsync($"/partnerships/{id}/people"));
        AssertForbidden(await PostFormAsync(member, $"/partnerships/{id}/people?handler=Remove", memberToken, ("accountId", coordinator.Id.ToString())));
        AssertForbidden(await PostFormAsync(member, $"/partnerships/{id}/people?handler=Role", memberToken, ("accountId", volunteer.Id.ToString()), ("role", "Coordinator")));
        Assert.Equal(2, await app.WithDbAsync(d => d.Set<PartnershipMembership>().CountAsync(m => m.PartnershipId == id)));
    }

    [Theory, BothDatabases]
    public async Task A_stale_edit_shows_both_versions_and_does_not_overwrite(Db db)
    {
        var app = await fixture.ForAsync(db);
        var (coordinator, _, id) = await StartAsync(app);
        var client = await SignInAsync(app, coordinator);
        var token = await AntiforgeryTokenAsync(client, $"/partnerships/{id}/edit");

        var first = await PostFormAsync(client, $"/partnerships/{id}/edit", token,
            ("Input.Name", "Warm Spaces Brightwater"), ("Input.Purpose", "Somewhere warm to meet"), ("Input.Status", "Active"), ("Input.Version", "0"));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        var stale = await PostFormAsync(client, $"/partnerships/{id}/edit", token,
            ("Input.Name", "Cold Spaces"), ("Input.Purpose", "Somewhere warm to meet"), ("Input.Status", "Closed"), ("Input.Version", "0"));
        var html = await stale.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Someone else changed this partnership", html, StringComparison.Ordinal);
        Assert.Contains("Cold Spaces", html, StringComparison.Ordinal);
        Assert.Contains("Warm Spaces Brightwater", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.Version\" value=\"1\"", html, StringComparison.Ordinal);

        var saved = await app.WithDbAsync(d => d.Set<Partnership>().SingleAsync(p => p.Id == id));
        Assert.Equal(("Warm Spaces Brightwater", PartnershipStatus.Active, 1), (saved.Name, saved.Status, saved.Version));
    }

    [Theory, BothDatabases]
    public async Task Coordinators_add_partners_and_choose_a_lead_contact_among_the_people_who_represent_them(Db db)
    {
        var app = await fixture.ForAsync(db);
        var (coordinator, leadOrganisationId, id) = await StartAsync(app);
        var otherLead = await ApiTestPeople.CreateAsync(app);
        var otherOrganisationId = await ApiTestPeople.OrganisationAsync(app, (otherLead, OrganisationRole.Admin));
        var client = await SignInAsync(app, coordinator);
        var token = await AntiforgeryTokenAsync(client, $"/partnerships/{id}/partners/add");

        var added = await PostFormAsync(client, $"/partnerships/{id}/partners/add", token,
            ("Input.OrganisationId", otherOrganisationId.ToString()), ("Input.Role", "Referral"), ("Input.JoinedOn", "2026-03-01"));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var again = await PostFormAsync(client, $"/partnerships/{id}/partners/add", token,
            ("Input.OrganisationId", otherOrganisationId.ToString()), ("Input.Role", "Referral"), ("Input.JoinedOn", "2026-03-01"));
        Assert.Contains("is already a partner", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var partnerId = await app.WithDbAsync(d => d.Set<Partner>().Where(p => p.PartnershipId == id && p.OrganisationId == otherOrganisationId).Select(p => p.Id).SingleAsync());
        // Not yet a member representing that organisation: refused.
        var refused = await PostFormAsync(client, $"/partnerships/{id}/partners/{partnerId}", token, ("Input.LeadContactId", otherLead.Id.ToString()));
        Assert.Contains("Choose a member of the partnership who represents this organisation", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await AssertRedirectAsync(PostFormAsync(client, $"/partnerships/{id}/people/add?handler=Existing", token,
            ("Existing.Person", $"{otherLead.Id}|{otherOrganisationId}"), ("Existing.Role", "PartnerLead")));
        var early = await PostFormAsync(client, $"/partnerships/{id}/partners/{partnerId}", token,
            ("Input.LeadContactId", otherLead.Id.ToString()), ("Input.LeftOn", "2026-02-01"));
        Assert.Contains("on or after the date it joined", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertRedirectAsync(PostFormAsync(client, $"/partnerships/{id}/partners/{partnerId}", token,
            ("Input.LeadContactId", otherLead.Id.ToString()), ("Input.LeftOn", "")));

        var partner = await app.WithDbAsync(d => d.Set<Partner>().SingleAsync(p => p.Id == partnerId));
        Assert.Equal((otherLead.Id, (DateOnly?)null, PartnerRole.Referral), (partner.LeadContactId, partner.LeftOn, partner.Role));
        var details = await (await client.GetAsync($"/partnerships/{id}")).Content.ReadAsStringAsync();
        Assert.Contains(otherLead.Name, details, StringComparison.Ordinal);
        Assert.NotEqual(leadOrganisationId, otherOrganisationId);
    }
}
