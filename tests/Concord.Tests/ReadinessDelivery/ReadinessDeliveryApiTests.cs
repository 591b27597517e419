using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;

namespace Concord.Tests.ReadinessDelivery;

/// <summary>Three partners, each with a partner lead who is its lead contact, and a coordinator for the first partner.</summary>
public sealed record Trio(Guid PartnershipId, ApiPerson Coordinator, ApiPerson[] Leads, Guid[] PartnerIds, string[] Names)
{
    public static async Task<Trio> CreateAsync(ConcordFactory app)
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var coordinator = await ApiTestPeople.CreateAsync(app, name: "Coordinator " + tag);
        var leads = new ApiPerson[3];
        for (var i = 0; i < 3; i++)
        {
            leads[i] = await ApiTestPeople.CreateAsync(app, name: $"Lead {i} {tag}");
        }

        var names = new[] { "Alder Trust " + tag, "Birch Group " + tag, "Cedar Homes " + tag };
        var partnership = new Partnership { Name = "Trio " + tag, Purpose = "Testing", LeadOrganisationId = Guid.Empty, Status = PartnershipStatus.Active, CreatedAt = DateTimeOffset.UtcNow };
        var partnerIds = new Guid[3];
        await app.WithDbAsync(async db =>
        {
            var organisations = names.Select(n => new Organisation { Name = n, CreatedAt = DateTimeOffset.UtcNow }).ToArray();
            db.AddRange(organisations);
            partnership.LeadOrganisationId = organisations[0].Id;
            db.Add(partnership);
            for (var i = 0; i < 3; i++)
            {
                var partner = new Partner { PartnershipId = partnership.Id, OrganisationId = organisations[i].Id, Role = i == 0 ? PartnerRole.Lead : PartnerRole.Delivery, JoinedOn = new DateOnly(2026, 1, 1), LeadContactId = leads[i].Id };
                partnerIds[i] = partner.Id;
                db.Add(partner);
                db.Add(new PartnershipMembership { PartnershipId = partnership.Id, AccountId = leads[i].Id, Role = PartnershipRole.PartnerLead, OrganisationId = organisations[i].Id, CreatedAt = DateTimeOffset.UtcNow });
            }

            db.Add(new PartnershipMembership { PartnershipId = partnership.Id, AccountId = coordinator.Id, Role = PartnershipRole.Coordinator, OrganisationId = organisations[0].Id, CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        });
        return new Trio(partnership.Id, coordinator, leads, partnerIds, names);
    }

    public string Url(string path) => $"/api/v1/partnerships/{PartnershipId}{path}";
}

[Collection(AppCollection.Name)]
public sealed class ReadinessDeliveryApiTests(AppFixture fixture)
{
    private static async Task<HttpResponseMessage> ExpectAsync(HttpStatusCode status, Task<HttpResponseMessage> request)
    {
        var response = await request;
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    [Theory, BothDatabases]
    public async Task Only_people_representing_a_partner_answer_for_it_coordinators_included_and_outsiders_get_404(Db db)
    {
        var app = await fixture.ForAsync(db);
        var t = await Trio.CreateAsync(app);
        var outsider = await ApiTestPeople.CreateAsync(app);
        var answer = new Answer("To reach more lonely people", 0);

        await ExpectAsync(HttpStatusCode.Forbidden, t.Leads[1].Api.PutAsJsonAsync(t.Url($"/readiness/{t.PartnerIds[0]}"), answer));
        await ExpectAsync(HttpStatusCode.NotFound, outsider.Api.PutAsJsonAsync(t.Url($"/readiness/{t.PartnerIds[0]}"), answer));
        await ExpectAsync(HttpStatusCode.NotFound, outsider.Api.GetAsync(t.Url("/readiness")));
        var readOnly = await ApiTestPeople.ReadOnlyClientAsync(app, t.Leads[0]);
        await ExpectAsync(HttpStatusCode.Forbidden, readOnly.PutAsJsonAsync(t.Url($"/readiness/{t.PartnerIds[0]}"), answer));

        await ExpectAsync(HttpStatusCode.OK, t.Leads[0].Api.PutAsJsonAsync(t.Url($"/readiness/{t.PartnerIds[0]}"), answer));
        // The coordinator represents the first partner: they answer for it, never for another partner.
        var refused = await ExpectAsync(HttpStatusCode.Forbidden, t.Coordinator.Api.PutAsJsonAsync(t.Url($"/readiness/{t.PartnerIds[2]}"), answer));
        Assert.Contains($"Only people representing {t.Names[2]}", (await ProblemAsync(refused, HttpStatusCode.Forbidden)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ExpectAsync(HttpStatusCode.Forbidden, t.Coordinator.Api.PostAsJsonAsync(t.Url("/aims"), new { partnerId = t.PartnerIds[2], description = "Not theirs" }));
        await ExpectAsync(HttpStatusCode.OK, t.Coordinator.Api.PutAsJsonAsync(t.Url($"/readiness/{t.PartnerIds[0]}"), answer with { version = 1 }));

        var readiness = await JsonAsync(await t.Leads[1].Api.GetAsync(t.Url("/readiness")), HttpStatusCode.OK);
        var partners = readiness.GetProperty("partners").EnumerateArray().ToList();
        Assert.Equal("To reach more lonely people", partners.Single(p => p.GetProperty("partnerId").GetGuid() == t.PartnerIds[0]).GetProperty("whyPartner").GetString());
        Assert.Equal(0, partners.Single(p => p.GetProperty("partnerId").GetGuid() == t.PartnerIds[1]).GetProperty("version").GetInt32());
    }

    private sealed record Answer(string whyPartner, int version);

    /// <summary>A complete reflection: every question answered (only complete answers are compared).</summary>
    private static object Full(string why, string added, string funder, int version = 0) => new
    {
        whyPartner = why,
        addedValue = added,
        peopleServed = "Fewer people alone at home",
        funderDriven = funder,
        funderDrivenExplanation = "Our own choice",
        missionAtStake = "Our independence",
        smallPartner = "Local trust",
        version,
    };

    [Theory, BothDatabases]
    public async Task Divergence_flags_different_purposes_a_funder_driven_partner_and_no_added_value(Db db)
    {
        var app = await fixture.ForAsync(db);
        var t = await Trio.CreateAsync(app);
        await ExpectAsync(HttpStatusCode.OK, t.Leads[0].Api.PutAsJsonAsync(t.Url($"/readiness/{t.PartnerIds[0]}"),
            Full("Lonely older people fall between services. Joining befriending, advice and housing support means nobody is passed from door to door, and we reach people we never see on our own.", "Trained volunteer befrienders and a phone line", "No")));
        await ExpectAsync(HttpStatusCode.OK, t.Leads[1].Api.PutAsJsonAsync(t.Url($"/readiness/{t.PartnerIds[1]}"),
            Full("Lonely older people in St Anne's need a friendly face every week, and we cannot keep visiting everyone on volunteer goodwill alone.", "Money", "Partly")));
        await ExpectAsync(HttpStatusCode.OK, t.Leads[2].Api.PutAsJsonAsync(t.Url($"/readiness/{t.PartnerIds[2]}"),
            Full("Cut rent arrears and empty flats among tenants over 65", "Tenancy officers visiting every tenant yearly", "Yes")));

        var flags = (await JsonAsync(await t.Coordinator.Api.GetAsync(t.Url("/readiness/divergence")), HttpStatusCode.OK)).EnumerateArray().ToList();
        string[] Kinds(Guid partner) => flags.Where(f => f.GetProperty("partnerIds").EnumerateArray().Any(p => p.GetGuid() == partner)).Select(f => f.GetProperty("kind").GetString()!).ToArray();
        Assert.Contains("DifferentPurposes", Kinds(t.PartnerIds[2]));
        Assert.DoesNotContain(flags, f => f.GetProperty("kind").GetString() == "DifferentPurposes" &&
            f.GetProperty("partnerIds").EnumerateArray().Select(p => p.GetGuid()).ToHashSet().SetEquals([t.PartnerIds[0], t.PartnerIds[1]]));
        Assert.Contains("MainlyFunderDriven", Kinds(t.PartnerIds[2]));
        Assert.DoesNotContain("MainlyFunderDriven", Kinds(t.PartnerIds[1]));
        Assert.Contains(flags, f => f.GetProperty("kind").GetString() == "NoAddedValue" && f.GetProperty("message").GetString()!.StartsWith(t.Names[1], StringComparison.Ordinal) && f.GetProperty("questionKey").GetString() == "added-value");

        await ExpectAsync(HttpStatusCode.BadRequest, t.Leads[0].Api.PutAsJsonAsync(t.Url($"/readiness/{t.PartnerIds[0]}"), new { funderDriven = "Sometimes", version = 1 }));
    }

    [Theory, BothDatabases]
    public async Task A_stale_answer_gets_409_and_is_not_saved(Db db)
    {
        var app = await fixture.ForAsync(db);
        var t = await Trio.CreateAsync(app);
        await ExpectAsync(HttpStatusCode.OK, t.Leads[0].Api.PutAsJsonAsync(t.Url($"/readiness/{t.PartnerIds[0]}"), new { whyPartner = "First", version = 0 }));
        await ExpectAsync(HttpStatusCode.Conflict, t.Coordinator.Api.PutAsJsonAsync(t.Url($"/readiness/{t.PartnerIds[0]}"), new { whyPartner = "Also first", version = 0 }));
        await ExpectAsync(HttpStatusCode.OK, t.Coordinator.Api.PutAsJsonAsync(t.Url($"/readiness/{t.PartnerIds[0]}"), new { whyPartner = "Second", version = 1 }));
        var stale = await ExpectAsync(HttpStatusCode.Conflict, t.Leads[0].Api.PutAsJsonAsync(t.Url($"/readiness/{t.PartnerIds[0]}"), new { whyPartner = "Stale", version = 1 }));
        var current = (await JsonAsync(stale, HttpStatusCode.Conflict)).GetProperty("current");
        Assert.Equal(("Second", 2), (current.GetProperty("whyPartner").GetString(), current.GetProperty("version").GetInt32()));
        await ExpectAsync(HttpStatusCode.BadRequest, t.Leads[0].Api.PutAsJsonAsync(t.Url($"/readiness/{t.PartnerIds[0]}"), new { whyPartner = "No version" }));

        var readiness = await JsonAsync(await t.Leads[0].Api.GetAsync(t.Url("/readiness")), HttpStatusCode.OK);
        var mine = readiness.GetProperty("partners").EnumerateArray().Single(p => p.GetProperty("partnerId").GetGuid() == t.PartnerIds[0]);
        Assert.Equal(("Second", 2), (mine.GetProperty("whyPartner").GetString(), mine.GetProperty("version").GetInt32()));
    }

    [Theory, BothDatabases]
    public async Task An_agenda_no_objective_serves_is_not_met_until_an_objective_serves_it(Db db)
    {
        var app = await fixture.ForAsync(db);
        var t = await Trio.CreateAsync(app);
        await ExpectAsync(HttpStatusCode.Forbidden, t.Leads[1].Api.PostAsJsonAsync(t.Url("/aims"), new { partnerId = t.PartnerIds[0], description = "Not mine to add" }));
        var a = await JsonAsync(await t.Leads[0].Api.PostAsJsonAsync(t.Url("/aims"), new { partnerId = t.PartnerIds[0], kind = "OutcomeRequirement", description = "Fewer people feel lonely" }), HttpStatusCode.Created);
        var b = await JsonAsync(await t.Leads[1].Api.PostAsJsonAsync(t.Url("/aims"), new { partnerId = t.PartnerIds[1], kind = "FunderRequirement", description = "Halve tenancy failures", funder = "Housing Fund" }), HttpStatusCode.Created);
        await ExpectAsync(HttpStatusCode.BadRequest, t.Leads[1].Api.PostAsJsonAsync(t.Url("/aims"), new { partnerId = t.PartnerIds[1], description = " " }));

        await ExpectAsync(HttpStatusCode.Forbidden, t.Leads[0].Api.PostAsJsonAsync(t.Url("/objectives"), new { title = "Befriending", aimIds = new[] { a.GetProperty("id").GetGuid() } }));
        var objective = await JsonAsync(await t.Coordinator.Api.PostAsJsonAsync(t.Url("/objectives"),
            new { title = "Weekly befriending", description = "For 150 people", aimIds = new[] { a.GetProperty("id").GetGuid() } }), HttpStatusCode.Created);

        var notMet = (await JsonAsync(await t.Leads[2].Api.GetAsync(t.Url("/agendas/not-met")), HttpStatusCode.OK)).EnumerateArray().ToList();
        var single = Assert.Single(notMet);
        Assert.Equal(b.GetProperty("id").GetGuid(), single.GetProperty("aimId").GetGuid());
        Assert.Contains("Halve tenancy failures", single.GetProperty("message").GetString(), StringComparison.Ordinal);

        var objectiveUrl = t.Url($"/objectives/{objective.GetProperty("id").GetGuid()}");
        var both = new[] { a.GetProperty("id").GetGuid(), b.GetProperty("id").GetGuid() };
        await ExpectAsync(HttpStatusCode.Conflict, t.Coordinator.Api.PutAsJsonAsync(objectiveUrl, new { title = "Weekly befriending", aimIds = both, version = 0 }));
        var updated = await JsonAsync(await t.Coordinator.Api.PutAsJsonAsync(objectiveUrl, new { title = "Weekly befriending and housing", aimIds = both, version = objective.GetProperty("version").GetInt32() }), HttpStatusCode.OK);
        Assert.Equal(2, updated.GetProperty("aimIds").GetArrayLength());
        Assert.Empty((await JsonAsync(await t.Leads[2].Api.GetAsync(t.Url("/agendas/not-met")), HttpStatusCode.OK)).EnumerateArray());
    }

    [Theory, BothDatabases]
    public async Task The_matrix_needs_exactly_one_accountable_and_at_least_one_responsible_per_workstream(Db db)
    {
        var app = await fixture.ForAsync(db);
        var t = await Trio.CreateAsync(app);
        await ExpectAsync(HttpStatusCode.Forbidden, t.Leads[0].Api.PostAsJsonAsync(t.Url("/workstreams"), new { title = "Visits" }));
        await ExpectAsync(HttpStatusCode.BadRequest, t.Coordinator.Api.PostAsJsonAsync(t.Url("/workstreams"), new { title = "" }));
        var visits = (await JsonAsync(await t.Coordinator.Api.PostAsJsonAsync(t.Url("/workstreams"), new { title = "Visits", description = "Weekly" }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var calls = (await JsonAsync(await t.Coordinator.Api.PostAsJsonAsync(t.Url("/workstreams"), new { title = "Calls" }), HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var matrix = await JsonAsync(await t.Coordinator.Api.PutAsJsonAsync(t.Url("/matrix/cells"), new
        {
            cells = new object[]
            {
                new { workstreamId = visits, partnerId = t.PartnerIds[0], role = "A", version = 1 },
                new { workstreamId = visits, partnerId = t.PartnerIds[1], role = "Accountable", version = 1 },
                new { workstreamId = calls, partnerId = t.PartnerIds[2], role = "R", version = 1 },
            },
        }), HttpStatusCode.OK);
        var problems = matrix.GetProperty("problems").EnumerateArray().Select(p => (p.GetProperty("workstreamId").GetGuid(), p.GetProperty("kind").GetString())).ToHashSet();
        Assert.Equal([(visits, "MoreThanOneAccountable"), (visits, "NoResponsible"), (calls, "NoAccountable")], problems);

        await ExpectAsync(HttpStatusCode.Forbidden, t.Leads[0].Api.PutAsJsonAsync(t.Url("/matrix/cells"), new { cells = new[] { new { workstreamId = visits, partnerId = t.PartnerIds[1], role = "R", version = 2 } } }));
        await ExpectAsync(HttpStatusCode.BadRequest, t.Coordinator.Api.PutAsJsonAsync(t.Url("/matrix/cells"), new { cells = new[] { new { workstreamId = visits, partnerId = t.PartnerIds[1], role = "X", version = 2 } } }));
        await ExpectAsync(HttpStatusCode.BadRequest, t.Coordinator.Api.PutAsJsonAsync(t.Url("/matrix/cells"), new { cells = new[] { new { workstreamId = visits, partnerId = t.PartnerIds[1], role = "R" } } }));

        // Saving a row moved its workstream's version on: a grid read before that save is stale and changes nothing.
        var stale = await ExpectAsync(HttpStatusCode.Conflict, t.Coordinator.Api.PutAsJsonAsync(t.Url("/matrix/cells"),
            new { cells = new[] { new { workstreamId = visits, partnerId = t.PartnerIds[2], role = "R", version = 1 } } }));
        var current = (await JsonAsync(stale, HttpStatusCode.Conflict)).GetProperty("current");
        Assert.Equal(3, current.GetProperty("cells").GetArrayLength());
        Assert.Equal(3, (await JsonAsync(await t.Leads[2].Api.GetAsync(t.Url("/matrix")), HttpStatusCode.OK)).GetProperty("cells").GetArrayLength());

        matrix = await JsonAsync(await t.Coordinator.Api.PutAsJsonAsync(t.Url("/matrix/cells"), new
        {
            cells = new object[]
            {
                new { workstreamId = visits, partnerId = t.PartnerIds[1], role = "R", version = 2 },
                new { workstreamId = calls, partnerId = t.PartnerIds[0], role = "A", version = 2 },
                new { workstreamId = calls, partnerId = t.PartnerIds[1], role = (string?)null, version = 2 },
            },
        }), HttpStatusCode.OK);
        Assert.Empty(matrix.GetProperty("problems").EnumerateArray());
        var read = await JsonAsync(await t.Leads[2].Api.GetAsync(t.Url("/matrix")), HttpStatusCode.OK);
        Assert.Equal(4, read.GetProperty("cells").GetArrayLength());

        // One partner both does the work and answers for it: one cell, two roles, and the workstream is covered.
        matrix = await JsonAsync(await t.Coordinator.Api.PutAsJsonAsync(t.Url("/matrix/cells"), new
        {
            cells = new object[]
            {
                new { workstreamId = calls, partnerId = t.PartnerIds[0], role = "RA", version = 3 },
                new { workstreamId = calls, partnerId = t.PartnerIds[2], role = "", version = 3 },
            },
        }), HttpStatusCode.OK);
        Assert.Empty(matrix.GetProperty("problems").EnumerateArray());
        var both = matrix.GetProperty("cells").EnumerateArray().Single(c => c.GetProperty("workstreamId").GetGuid() == calls);
        Assert.Equal(t.PartnerIds[0], both.GetProperty("partnerId").GetGuid());
        Assert.Equal("RA", both.GetProperty("role").GetString());
        Assert.Equal(["Responsible", "Accountable"], both.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Theory, BothDatabases]
    public async Task Every_lead_signs_the_exact_text_then_an_edit_needs_signing_again_and_versions_compare(Db db)
    {
        var app = await fixture.ForAsync(db);
        var t = await Trio.CreateAsync(app);
        await ExpectAsync(HttpStatusCode.Forbidden, t.Leads[0].Api.PostAsJsonAsync(t.Url("/agreement/versions"), new { body = "# Agreement" }));
        var v1 = await JsonAsync(await t.Coordinator.Api.PostAsJsonAsync(t.Url("/agreement/versions"), new { body = "# Agreement\r\n\r\nWe meet monthly." }), HttpStatusCode.Created);
        var v1Id = v1.GetProperty("id").GetGuid();
        var full = await JsonAsync(await t.Leads[2].Api.GetAsync(t.Url($"/agreement/versions/{v1Id}")), HttpStatusCode.OK);
        var text = full.GetProperty("text").GetString()!;
        Assert.Contains("We meet monthly.", text, StringComparison.Ordinal);
        Assert.Contains("## Delivery model", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', text);
        Assert.Equal(Sha256(text), full.GetProperty("textHash").GetString());
        var hash = Sha256(text);

        await ExpectAsync(HttpStatusCode.Forbidden, t.Coordinator.Api.PostAsJsonAsync(t.Url($"/agreement/versions/{v1Id}/signatures"), new { textHash = hash }));
        await ExpectAsync(HttpStatusCode.Conflict, t.Leads[0].Api.PostAsJsonAsync(t.Url($"/agreement/versions/{v1Id}/signatures"), new { textHash = Sha256(text + " ") }));
        var signed = await JsonAsync(await t.Leads[0].Api.PostAsJsonAsync(t.Url($"/agreement/versions/{v1Id}/signatures"), new { textHash = hash }), HttpStatusCode.Created);
        Assert.Equal(hash, signed[0].GetProperty("textHash").GetString());
        await ExpectAsync(HttpStatusCode.Conflict, t.Leads[0].Api.PostAsJsonAsync(t.Url($"/agreement/versions/{v1Id}/signatures"), new { textHash = hash }));
        var status = await JsonAsync(await t.Leads[0].Api.GetAsync(t.Url("/agreement")), HttpStatusCode.OK);
        Assert.Equal("Version 1 is awaiting 2 signatures", status.GetProperty("status").GetString());
        foreach (var lead in t.Leads.Skip(1))
        {
            await ExpectAsync(HttpStatusCode.Created, lead.Api.PostAsJsonAsync(t.Url($"/agreement/versions/{v1Id}/signatures"), new { textHash = hash }));
        }

        status = await JsonAsync(await t.Leads[0].Api.GetAsync(t.Url("/agreement")), HttpStatusCode.OK);
        Assert.Equal("Version 1 is in force", status.GetProperty("status").GetString());
        Assert.Equal(v1Id, status.GetProperty("inForceVersionId").GetGuid());

        // An edit after signing must say what kind of edit and why.
        var invalid = await ExpectAsync(HttpStatusCode.BadRequest, t.Coordinator.Api.PostAsJsonAsync(t.Url("/agreement/versions"), new { body = "# Agreement\n\nWe meet every quarter.", basedOnVersionId = v1Id }));
        var errors = (await JsonAsync(invalid, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("kind", out _) && errors.TryGetProperty("reason", out _));
        var v2 = await JsonAsync(await t.Coordinator.Api.PostAsJsonAsync(t.Url("/agreement/versions"),
            new { body = "# Agreement\n\nWe meet every quarter.", kind = "Change", reason = "Monthly was too often", basedOnVersionId = v1Id }), HttpStatusCode.Created);
        var v2Id = v2.GetProperty("id").GetGuid();
        Assert.Equal(("Change", 2), (v2.GetProperty("kind").GetString(), v2.GetProperty("number").GetInt32()));

        // A second edit from the same (now stale) version is refused, never silently saved over version 2.
        var stale = await ExpectAsync(HttpStatusCode.Conflict, t.Coordinator.Api.PostAsJsonAsync(t.Url("/agreement/versions"),
            new { body = "# Agreement\n\nWe meet weekly.", kind = "Change", reason = "Weekly", basedOnVersionId = v1Id }));
        Assert.Equal(v2Id, (await JsonAsync(stale, HttpStatusCode.Conflict)).GetProperty("current").GetProperty("id").GetGuid());

        status = await JsonAsync(await t.Leads[0].Api.GetAsync(t.Url("/agreement")), HttpStatusCode.OK);
        Assert.Equal("Version 2 is awaiting 3 signatures; version 1 is in force until then", status.GetProperty("status").GetString());
        await ExpectAsync(HttpStatusCode.Conflict, t.Leads[1].Api.PostAsJsonAsync(t.Url($"/agreement/versions/{v1Id}/signatures"), new { textHash = hash }));

        var compare = await JsonAsync(await t.Leads[1].Api.GetAsync(t.Url($"/agreement/compare?from={v1Id}&to={v2Id}")), HttpStatusCode.OK);
        var lines = compare.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("change").GetString(), l.GetProperty("text").GetString())).ToList();
        Assert.Contains(("Removed", "We meet monthly."), lines);
        Assert.Contains(("Added", "We meet every quarter."), lines);
        Assert.Contains(("Unchanged", "# Agreement"), lines);

        var v2Text = (await JsonAsync(await t.Leads[1].Api.GetAsync(t.Url($"/agreement/versions/{v2Id}")), HttpStatusCode.OK)).GetProperty("text").GetString()!;
        foreach (var lead in t.Leads)
        {
            await ExpectAsync(HttpStatusCode.Created, lead.Api.PostAsJsonAsync(t.Url($"/agreement/versions/{v2Id}/signatures"), new { textHash = Sha256(v2Text) }));
        }

        status = await JsonAsync(await t.Leads[0].Api.GetAsync(t.Url("/agreement")), HttpStatusCode.OK);
        Assert.Equal("Version 2 is in force", status.GetProperty("status").GetString());
    }

    [Theory, BothDatabases]
    public async Task The_signed_text_holds_a_snapshot_of_the_delivery_model_and_the_commitments(Db db)
    {
        var app = await fixture.ForAsync(db);
        var t = await Trio.CreateAsync(app);
        var visits = (await JsonAsync(await t.Coordinator.Api.PostAsJsonAsync(t.Url("/workstreams"), new { title = "Home visits" }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await ExpectAsync(HttpStatusCode.OK, t.Coordinator.Api.PutAsJsonAsync(t.Url("/matrix/cells"), new { cells = new[] { new { workstreamId = visits, partnerId = t.PartnerIds[1], role = "A", version = 1 } } }));
        await app.WithDbAsync(async d =>
        {
            d.Add(new Concord.Web.Features.Commitments.Commitment
            {
                PartnershipId = t.PartnershipId,
                What = "Train ten new befrienders",
                OwnerPartnerId = t.PartnerIds[2],
                DueDate = new DateOnly(2027, 3, 31),
                DoneWhen = "Ten volunteers have finished the course",
                CreatedAt = DateTimeOffset.UtcNow,
            });
            await d.SaveChangesAsync();
        });

        var v1 = await JsonAsync(await t.Coordinator.Api.PostAsJsonAsync(t.Url("/agreement/versions"), new { body = "# Agreement" }), HttpStatusCode.Created);
        var text = (await JsonAsync(await t.Leads[0].Api.GetAsync(t.Url($"/agreement/versions/{v1.GetProperty("id").GetGuid()}")), HttpStatusCode.OK)).GetProperty("text").GetString()!;
        Assert.Contains("### Home visits", text, StringComparison.Ordinal);
        Assert.Contains($"- Accountable (answers for the result): {t.Names[1]}", text, StringComparison.Ordinal);
        Assert.Contains("- Responsible (does the work): nobody", text, StringComparison.Ordinal);
        Assert.Contains($"- Train ten new befrienders \u2013 {t.Names[2]}, by 31 March 2027. Done when: Ten volunteers have finished the course", text, StringComparison.Ordinal);
    }
}
