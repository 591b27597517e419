using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Agreements;
using Concord.Web.Features.Delivery;
using Concord.Web.Features.Readiness;
using Microsoft.EntityFrameworkCore;
using static Concord.Tests.Infrastructure.PageTestPeople;

namespace Concord.Tests.ReadinessDelivery;

[Collection(AppCollection.Name)]
public sealed class ReadinessDeliveryPagesTests(AppFixture fixture)
{
    [Theory, BothDatabases]
    public async Task Every_page_opens_for_members_and_is_404_for_outsiders(Db db)
    {
        var app = await fixture.ForAsync(db);
        var t = await Trio.CreateAsync(app);
        var created = await t.Coordinator.Api.PostAsJsonAsync(t.Url("/agreement/versions"), new { body = "# Agreement" });
        var versionId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        var member = await SignInAsync(app, t.Leads[1]);
        var outsider = await SignInAsync(app, await ApiTestPeople.CreateAsync(app));
        var pages = new[]
        {
            "", "/readiness", $"/readiness/{t.PartnerIds[1]}", "/agendas", "/delivery", "/agreement",
            $"/agreement/versions/{versionId}", $"/agreement/compare?from={versionId}&to={versionId}",
        };
        foreach (var page in pages)
        {
            var response = await member.GetAsync($"/partnerships/{t.PartnershipId}{page}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page}: {(int)response.StatusCode}");
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/partnerships/{t.PartnershipId}{page}")).StatusCode);
        }

        var details = await member.GetStringAsync($"/partnerships/{t.PartnershipId}");
        Assert.Contains("Version 1 is awaiting 3 signatures", details, StringComparison.Ordinal);

        // Another partner's answers and the coordinators' pages: 403.
        AssertForbidden(await member.GetAsync($"/partnerships/{t.PartnershipId}/readiness/{t.PartnerIds[0]}"));
        AssertForbidden(await member.GetAsync($"/partnerships/{t.PartnershipId}/agreement/edit"));
        var token = await AntiforgeryTokenAsync(member, $"/partnerships/{t.PartnershipId}/delivery");
        AssertForbidden(await PostFormAsync(member, $"/partnerships/{t.PartnershipId}/delivery?handler=AddWorkstream", token, ("Workstream.Title", "Mine")));
    }

    [Theory, BothDatabases]
    public async Task Answering_on_the_page_shows_divergence_and_a_stale_save_shows_both_versions(Db db)
    {
        var app = await fixture.ForAsync(db);
        var t = await Trio.CreateAsync(app);
        var lead = await SignInAsync(app, t.Leads[2]);
        var url = $"/partnerships/{t.PartnershipId}/readiness/{t.PartnerIds[2]}";
        var token = await AntiforgeryTokenAsync(lead, url);
        // A partial save is a draft: it does not count as answered and is not compared.
        await AssertRedirectAsync(PostFormAsync(lead, url, token, ("Input.WhyPartner", "Fewer empty flats"), ("Input.FunderDriven", "Yes"), ("Input.Version", "0")));
        var draft = WebUtility.HtmlDecode(await lead.GetStringAsync($"/partnerships/{t.PartnershipId}/readiness"));
        Assert.Contains($"{t.Names[2]}: draft, not every question answered yet", draft, StringComparison.Ordinal);
        Assert.DoesNotContain("Mainly funder-driven", draft, StringComparison.Ordinal);

        await AssertRedirectAsync(PostFormAsync(lead, url, token, ("Input.WhyPartner", "Fewer empty flats"), ("Input.AddedValue", "Cash"),
            ("Input.PeopleServed", "Older tenants keep their homes"), ("Input.FunderDriven", "Yes"), ("Input.FunderDrivenExplanation", "The grant asks for it"),
            ("Input.MissionAtStake", "Our tenants come first"), ("Input.SmallPartner", "Local knowledge"), ("Input.Version", "1")));
        var page = WebUtility.HtmlDecode(await lead.GetStringAsync($"/partnerships/{t.PartnershipId}/readiness"));
        Assert.Contains($"{t.Names[2]}: answered", page, StringComparison.Ordinal);
        Assert.Contains("Mainly funder-driven", page, StringComparison.Ordinal);
        Assert.Contains("No added value named", page, StringComparison.Ordinal);
        Assert.Contains("Fewer empty flats", page, StringComparison.Ordinal);

        // Someone saves in between (another tab, through the API); the page's save from version 2 is not written.
        Assert.Equal(HttpStatusCode.OK, (await t.Leads[2].Api.PutAsJsonAsync(t.Url($"/readiness/{t.PartnerIds[2]}"), new { whyPartner = "Tenancies that last", version = 2 })).StatusCode);
        var stale = await PostFormAsync(lead, url, token, ("Input.WhyPartner", "My newer words"), ("Input.Version", "2"));
        var html = await stale.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Someone else saved", html, StringComparison.Ordinal);
        Assert.Contains("Tenancies that last", html, StringComparison.Ordinal);
        Assert.Contains("My newer words", html, StringComparison.Ordinal);
        var saved = await app.WithDbAsync(d => d.Set<ReadinessReflection>().SingleAsync(r => r.PartnerId == t.PartnerIds[2]));
        Assert.Equal("Tenancies that last", saved.WhyPartner);
    }

    [Theory, BothDatabases]
    public async Task The_matrix_grid_saves_without_javascript_and_says_where_the_rules_do_not_hold(Db db)
    {
        var app = await fixture.ForAsync(db);
        var t = await Trio.CreateAsync(app);
        var coordinator = await SignInAsync(app, t.Coordinator);
        var url = $"/partnerships/{t.PartnershipId}/delivery";
        var token = await AntiforgeryTokenAsync(coordinator, url);
        await AssertRedirectAsync(PostFormAsync(coordinator, url + "?handler=AddWorkstream", token, ("Workstream.Title", "Home visits")));
        var workstream = await app.WithDbAsync(d => d.Set<Workstream>().SingleAsync(w => w.PartnershipId == t.PartnershipId));
        var page = await coordinator.GetStringAsync(url);
        Assert.Contains("Nobody is accountable for \u201cHome visits\u201d", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.Contains($"Roles of {t.Names[0]} in Home visits", WebUtility.HtmlDecode(page), StringComparison.Ordinal);

        var fields = new List<(string, string)>();
        for (var i = 0; i < 3; i++)
        {
            fields.Add(($"Cells[{i}].WorkstreamId", workstream.Id.ToString()));
            fields.Add(($"Cells[{i}].PartnerId", t.PartnerIds[i].ToString()));
            // The first partner does the work and answers for it (R and A ticked in one cell); the second is consulted.
            foreach (var letter in i switch { 0 => ["A", "R"], 1 => ["C"], _ => Array.Empty<string>() })
            {
                fields.Add(($"Cells[{i}].Roles", letter));
            }

            fields.Add(($"Cells[{i}].Version", "1"));
        }

        await AssertRedirectAsync(PostFormAsync(coordinator, url + "?handler=Matrix", token, fields.ToArray()));
        page = WebUtility.HtmlDecode(await coordinator.GetStringAsync(url));
        Assert.Contains("Every workstream has exactly one accountable partner", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Nobody is responsible", page, StringComparison.Ordinal);
        var cells = await app.WithDbAsync(d => d.Set<MatrixCell>().Where(c => c.WorkstreamId == workstream.Id).ToListAsync());
        Assert.Equal(3, cells.Count);
        Assert.Equal([RaciRole.Responsible, RaciRole.Accountable], cells.Where(c => c.PartnerId == t.PartnerIds[0]).Select(c => c.Role).Order());
        // The saved ticks come back ticked, and the read-only view names both roles.
        Assert.Matches($"id=\"cell-0-A\"[^>]*checked", page);
        Assert.Matches($"id=\"cell-0-R\"[^>]*checked", page);
        Assert.DoesNotMatch($"id=\"cell-0-C\"[^>]*checked", page);

        // A second tab still holding the grid at version 1: its save changes nothing, and shows its choice beside the saved one.
        var stale = await PostFormAsync(coordinator, url + "?handler=Matrix", token,
            ("Cells[0].WorkstreamId", workstream.Id.ToString()), ("Cells[0].PartnerId", t.PartnerIds[2].ToString()), ("Cells[0].Roles", "C"), ("Cells[0].Version", "1"));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var html = WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync());
        Assert.Contains("Someone else changed the responsibility matrix", html, StringComparison.Ordinal);
        Assert.Contains($"Home visits: {t.Names[2]}", html, StringComparison.Ordinal);
        Assert.Contains("Consulted (asked before decisions)", html, StringComparison.Ordinal);
        Assert.Equal(3, await app.WithDbAsync(d => d.Set<MatrixCell>().CountAsync(c => c.WorkstreamId == workstream.Id)));
    }

    [Theory, BothDatabases]
    public async Task Signing_on_the_page_and_an_edit_from_a_stale_draft_shows_both_versions(Db db)
    {
        var app = await fixture.ForAsync(db);
        var t = await Trio.CreateAsync(app);
        var coordinator = await SignInAsync(app, t.Coordinator);
        var edit = $"/partnerships/{t.PartnershipId}/agreement/edit";
        var token = await AntiforgeryTokenAsync(coordinator, edit);
        await AssertRedirectAsync(PostFormAsync(coordinator, edit, token, ("Input.Body", "# Our agreement\n\nWe share referrals.")));
        var v1 = await app.WithDbAsync(d => d.Set<AgreementVersion>().SingleAsync(v => v.PartnershipId == t.PartnershipId));

        var lead = await SignInAsync(app, t.Leads[0]);
        var agreement = $"/partnerships/{t.PartnershipId}/agreement";
        var page = await lead.GetStringAsync(agreement);
        Assert.Contains(v1.TextHash, page, StringComparison.Ordinal);
        // The button to sign comes after the text being signed.
        Assert.True(page.IndexOf("We share referrals.", StringComparison.Ordinal) < page.IndexOf("Sign version 1</button>", StringComparison.Ordinal));
        var leadToken = await AntiforgeryTokenAsync(lead, agreement);
        await AssertRedirectAsync(PostFormAsync(lead, agreement + "?handler=Sign", leadToken, ("versionId", v1.Id.ToString()), ("textHash", v1.TextHash)));
        var signature = await app.WithDbAsync(d => d.Set<AgreementSignature>().SingleAsync(s => s.AgreementVersionId == v1.Id));
        Assert.Equal((t.PartnerIds[0], t.Leads[0].Id, v1.TextHash), (signature.PartnerId, signature.SignedById!.Value, signature.TextHash));

        // Two coordinators' tabs start from version 1; the first save wins, the second sees both versions.
        await AssertRedirectAsync(PostFormAsync(coordinator, edit, token, ("Input.Body", "# Our agreement\n\nWe share referrals weekly."),
            ("Input.Kind", "Enhancement"), ("Input.Reason", "Say how often"), ("Input.BasedOnVersionId", v1.Id.ToString())));
        var stale = await PostFormAsync(coordinator, edit, token, ("Input.Body", "# Our agreement\n\nWe share referrals daily."),
            ("Input.Kind", "Change"), ("Input.Reason", "Faster"), ("Input.BasedOnVersionId", v1.Id.ToString()));
        var html = WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Someone else saved version 2", html, StringComparison.Ordinal);
        Assert.Contains("We share referrals weekly.", html, StringComparison.Ordinal);
        Assert.Contains("We share referrals daily.", html, StringComparison.Ordinal);
        Assert.Equal(2, await app.WithDbAsync(d => d.Set<AgreementVersion>().CountAsync(v => v.PartnershipId == t.PartnershipId)));

        var status = WebUtility.HtmlDecode(await lead.GetStringAsync(agreement));
        Assert.Contains("Version 2 is awaiting 3 signatures", status, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task A_version_whose_snapshot_is_out_of_date_cannot_be_signed(Db db)
    {
        var app = await fixture.ForAsync(db);
        var t = await Trio.CreateAsync(app);
        var v1 = JsonDocument.Parse(await (await t.Coordinator.Api.PostAsJsonAsync(t.Url("/agreement/versions"), new { body = "# Agreement" })).Content.ReadAsStringAsync()).RootElement;
        var v1Id = v1.GetProperty("id").GetGuid();
        var hash = v1.GetProperty("textHash").GetString();
        // The delivery model changes after version 1 was made: its snapshot no longer says what the partners agree to.
        Assert.Equal(HttpStatusCode.Created, (await t.Coordinator.Api.PostAsJsonAsync(t.Url("/workstreams"), new { title = "Home visits" })).StatusCode);

        var refused = await t.Leads[1].Api.PostAsJsonAsync(t.Url($"/agreement/versions/{v1Id}/signatures"), new { textHash = hash });
        var problem = await ApiResponses.ProblemAsync(refused, HttpStatusCode.Conflict);
        Assert.Contains("out of date", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var lead = await SignInAsync(app, t.Leads[1]);
        var agreement = $"/partnerships/{t.PartnershipId}/agreement";
        var page = WebUtility.HtmlDecode(await lead.GetStringAsync(agreement));
        Assert.Contains("cannot be signed while its snapshot is out of date", page, StringComparison.Ordinal);
        var token = await AntiforgeryTokenAsync(lead, agreement);
        var posted = await PostFormAsync(lead, agreement + "?handler=Sign", token, ("versionId", v1Id.ToString()), ("textHash", hash!));
        Assert.Equal(HttpStatusCode.Conflict, posted.StatusCode);
        Assert.False(await app.WithDbAsync(d => d.Set<AgreementSignature>().AnyAsync(s => s.AgreementVersionId == v1Id)));
    }

    [Theory, BothDatabases]
    public async Task A_stale_workstream_edit_shows_both_versions_and_the_api_answers_409(Db db)
    {
        var app = await fixture.ForAsync(db);
        var t = await Trio.CreateAsync(app);
        var created = await t.Coordinator.Api.PostAsJsonAsync(t.Url("/workstreams"), new { title = "Lunch club" });
        var workstreamId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        var coordinator = await SignInAsync(app, t.Coordinator);
        var url = $"/partnerships/{t.PartnershipId}/delivery/workstreams/{workstreamId}";
        var token = await AntiforgeryTokenAsync(coordinator, url);
        AssertForbidden(await (await SignInAsync(app, t.Leads[0])).GetAsync(url));

        Assert.Equal(HttpStatusCode.OK, (await t.Coordinator.Api.PutAsJsonAsync(t.Url($"/workstreams/{workstreamId}"), new { title = "Lunch club on Fridays", version = 1 })).StatusCode);
        var staleApi = await ApiResponses.ProblemAsync(await t.Coordinator.Api.PutAsJsonAsync(t.Url($"/workstreams/{workstreamId}"), new { title = "Stale", version = 1 }), HttpStatusCode.Conflict);
        Assert.Equal(("Lunch club on Fridays", 2), (staleApi.GetProperty("current").GetProperty("title").GetString(), staleApi.GetProperty("current").GetProperty("version").GetInt32()));
        var stale = await PostFormAsync(coordinator, url, token, ("Input.Title", "Lunch club on Mondays"), ("Input.Version", "1"));
        var html = WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Lunch club on Fridays", html, StringComparison.Ordinal);
        Assert.Contains("Lunch club on Mondays", html, StringComparison.Ordinal);
        Assert.Equal("Lunch club on Fridays", (await app.WithDbAsync(d => d.Set<Workstream>().SingleAsync(w => w.Id == workstreamId))).Title);

        await AssertRedirectAsync(PostFormAsync(coordinator, url + "?handler=Remove", token));
        Assert.False(await app.WithDbAsync(d => d.Set<Workstream>().AnyAsync(w => w.Id == workstreamId)));
    }

    [Theory, BothDatabases]
    public async Task The_partnership_home_sums_up_readiness_aims_the_matrix_and_the_agreement(Db db)
    {
        var app = await fixture.ForAsync(db);
        var t = await Trio.CreateAsync(app);
        var member = await SignInAsync(app, t.Leads[2]);
        var home = $"/partnerships/{t.PartnershipId}";
        var page = WebUtility.HtmlDecode(await member.GetStringAsync(home));
        Assert.Contains("Every partner aim is served by an objective", page, StringComparison.Ordinal);
        Assert.Contains("No workstreams yet", page, StringComparison.Ordinal);
        Assert.Contains("No agreement drafted yet", page, StringComparison.Ordinal);

        await t.Leads[1].Api.PostAsJsonAsync(t.Url("/aims"), new { partnerId = t.PartnerIds[1], description = "Reach 200 people" });
        await t.Leads[2].Api.PostAsJsonAsync(t.Url("/aims"), new { partnerId = t.PartnerIds[2], description = "Fewer empty flats" });
        await t.Coordinator.Api.PostAsJsonAsync(t.Url("/workstreams"), new { title = "Home visits" });
        var created = await t.Coordinator.Api.PostAsJsonAsync(t.Url("/agreement/versions"), new { body = "# Agreement" });
        var version = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        await t.Leads[0].Api.PostAsJsonAsync(t.Url($"/agreement/versions/{version.GetProperty("id").GetGuid()}/signatures"), new { textHash = version.GetProperty("textHash").GetString() });

        page = WebUtility.HtmlDecode(await member.GetStringAsync(home));
        Assert.Contains("2 agendas not met", page, StringComparison.Ordinal);
        Assert.Contains("1 workstream, 2 responsibility problems", page, StringComparison.Ordinal);
        Assert.Contains("Version 1 is awaiting 2 signatures", page, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task A_stale_objective_edit_on_the_page_is_409_with_both_versions_and_changes_nothing(Db db)
    {
        var app = await fixture.ForAsync(db);
        var t = await Trio.CreateAsync(app);
        var created = await t.Coordinator.Api.PostAsJsonAsync(t.Url("/objectives"), new { title = "Weekly visits" });
        var objectiveId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await t.Coordinator.Api.PutAsJsonAsync(t.Url($"/objectives/{objectiveId}"), new { title = "Weekly visits for 150 people", version = 1 })).StatusCode);

        var coordinator = await SignInAsync(app, t.Coordinator);
        var url = $"/partnerships/{t.PartnershipId}/agendas";
        var token = await AntiforgeryTokenAsync(coordinator, url);
        var stale = await PostFormAsync(coordinator, url + "?handler=Objective", token,
            ("Objective.ObjectiveId", objectiveId.ToString()), ("Objective.Title", "Fortnightly visits"), ("Objective.Version", "1"));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var html = WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync());
        Assert.Contains("Someone else changed this objective", html, StringComparison.Ordinal);
        Assert.Contains("Weekly visits for 150 people", html, StringComparison.Ordinal);
        Assert.Contains("Fortnightly visits", html, StringComparison.Ordinal);
        Assert.Equal("Weekly visits for 150 people", (await app.WithDbAsync(d => d.Set<Objective>().SingleAsync(o => o.Id == objectiveId))).Title);
    }
}
