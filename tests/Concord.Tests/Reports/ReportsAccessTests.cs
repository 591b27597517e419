using System.Net;
using Concord.Tests.Infrastructure;
using Concord.Tests.Lessons;
using Concord.Web.Features.Accounts;
using Concord.Web.Features.Partnerships;
using static Concord.Tests.Infrastructure.PageTestPeople;

namespace Concord.Tests.Reports;

/// <summary>Issue 10 #4: everyone in the network reads the learning reports, and sees in them only lessons they may read.</summary>
[Collection(AppCollection.Name)]
public sealed class ReportsAccessTests(AppFixture fixture)
{
    [Theory, BothDatabases]
    public async Task Coordinators_partner_leads_the_funder_and_network_admins_read_both_reports(Db db)
    {
        var app = await fixture.ForAsync(db);
        var word = LessonsApiTests.Word();
        var team = await LessonsApiTests.TeamAsync(app);
        await LessonsApiTests.WriteAsync(team.Staff.Api, new { title = $"Shared with all {word}", whatHappened = "x", kind = "DidNotWork", partnershipId = team.Partnership.Id, visibility = "Network", publish = true });
        await LessonsApiTests.WriteAsync(team.Staff.Api, new { title = $"Kept inside {word}", whatHappened = "x", kind = "DidNotWork", partnershipId = team.Partnership.Id, visibility = "Partnership", publish = true });

        var coordinator = await ApiTestPeople.CreateAsync(app);
        var partnerLead = await ApiTestPeople.CreateAsync(app);
        var funder = await ApiTestPeople.CreateAsync(app);
        var organisation = await app.CreateOrganisationAsync("Reports Trust " + word);
        await app.CreatePartnershipAsync(organisation, (coordinator.Account, PartnershipRole.Coordinator), (partnerLead.Account, PartnershipRole.PartnerLead), (funder.Account, PartnershipRole.Observer));
        var admin = await ApiTestPeople.CreateAsync(app, NetworkRole.NetworkAdmin);

        foreach (var (who, person) in new[] { ("coordinator", coordinator), ("partner lead", partnerLead), ("funder", funder), ("network admin", admin) })
        {
            foreach (var report in new[] { "practitioners", "sector" })
            {
                var response = await person.Api.GetAsync($"/api/v1/reports/learning/{report}");
                var text = await response.Content.ReadAsStringAsync();
                var json = await JsonAsync(response, HttpStatusCode.OK);
                Assert.True(json.GetProperty("lessonCount").GetInt32() >= 1, who);
                Assert.DoesNotContain($"Kept inside {word}", text, StringComparison.Ordinal);
            }

            var browser = await SignInAsync(app, person);
            var home = await browser.GetAsync("/");
            Assert.Contains("href=\"/reports/learning/practitioners\"", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            foreach (var path in new[] { "/reports/learning/practitioners", "/reports/learning/sector", "/reports/learning/sector?handler=Pdf" })
            {
                var page = await browser.GetAsync(path);
                Assert.True(page.StatusCode == HttpStatusCode.OK, $"{who} {path}: {(int)page.StatusCode}");
                Assert.DoesNotContain($"Kept inside {word}", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        // The practitioners' report names the shared lesson that did not work, to the funder as to anyone.
        var practitioners = await (await funder.Api.GetAsync("/api/v1/reports/learning/practitioners")).Content.ReadAsStringAsync();
        Assert.Contains($"Shared with all {word}", practitioners, StringComparison.Ordinal);
    }
}
