using Concord.BrowserTests.Infrastructure;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Accounts;
using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;
using Microsoft.Playwright;

namespace Concord.BrowserTests.Journeys;

/// <summary>Each role's home shows what the role needs (issue 10 #12).</summary>
[Collection(BrowserCollection.Name)]
public sealed class HomeJourneys(BrowserFixture fixture) : JourneyTest(fixture)
{
    [Fact]
    public Task A_funder_observing_a_partnership_goes_from_the_home_to_it() => JourneyAsync(nameof(A_funder_observing_a_partnership_goes_from_the_home_to_it), async page =>
    {
        var app = Fixture.App;
        var funder = await app.CreateAccountAsync(twoFactor: true, name: "Farah Fund");
        var coordinator = await app.CreateAccountAsync(name: "Cara Coordinator");
        var lead = await app.CreateOrganisationAsync("Brightwater Lunch Club " + Guid.NewGuid().ToString("N")[..4], (coordinator, OrganisationRole.Admin));
        var name = "Lunch Together " + Guid.NewGuid().ToString("N")[..4];
        await app.WithDbAsync(async db =>
        {
            var partnership = new Partnership { Name = name, Purpose = "Hot lunches and company", LeadOrganisationId = lead.Id, CreatedAt = DateTimeOffset.UtcNow, Status = PartnershipStatus.Active };
            db.Add(partnership);
            db.Add(new PartnershipMembership { PartnershipId = partnership.Id, AccountId = coordinator.Id, Role = PartnershipRole.Coordinator, OrganisationId = lead.Id, CreatedAt = DateTimeOffset.UtcNow });
            db.Add(new PartnershipMembership { PartnershipId = partnership.Id, AccountId = funder.Id, Role = PartnershipRole.Observer, CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        });
        await page.SignInAsync(funder);

        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Partnerships you observe" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Start a new partnership" })).ToHaveCountAsync(0);
        await AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await Assertions.Expect(page.GetByText("Your role: Observer")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Manage people" })).ToHaveCountAsync(0);
        await AssertAccessibleAsync();
    });

    [Fact]
    public Task A_network_admin_sees_the_network_at_a_glance() => JourneyAsync(nameof(A_network_admin_sees_the_network_at_a_glance), async page =>
    {
        var app = Fixture.App;
        var admin = await app.CreateAccountAsync(role: NetworkRole.NetworkAdmin, twoFactor: true, name: "Nia Admin");
        await page.SignInAsync(admin);

        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your network" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Partnerships in the network" })).ToBeVisibleAsync();
        await AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Organisations", Exact = true }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Organisations", Level = 1 })).ToBeVisibleAsync();
    });
}
