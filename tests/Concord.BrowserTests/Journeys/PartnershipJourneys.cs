using Concord.BrowserTests.Infrastructure;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Organisations;
using Microsoft.Playwright;

namespace Concord.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class PartnershipJourneys(BrowserFixture fixture) : JourneyTest(fixture)
{
    [Fact]
    public Task A_coordinator_starts_a_partnership_adds_a_partner_and_invites_the_funder() => JourneyAsync(nameof(A_coordinator_starts_a_partnership_adds_a_partner_and_invites_the_funder), async page =>
    {
        var app = Fixture.App;
        var coordinator = await app.CreateAccountAsync(twoFactor: true, name: "Priya Shah");
        var lead = await app.CreateOrganisationAsync("Brightwater Age Concern " + Guid.NewGuid().ToString("N")[..4], (coordinator, OrganisationRole.Staff));
        var other = await app.CreateOrganisationAsync("Brightwater Library " + Guid.NewGuid().ToString("N")[..4]);
        await page.SignInAsync(coordinator);

        await page.GotoAsync("/partnerships");
        await AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Start a partnership" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Start partnership" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "There is a problem" })).ToBeVisibleAsync();
        await AssertAccessibleAsync();

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Tea and Talk");
        await page.GetByLabel("What the partnership is for").FillAsync("Fewer older people feeling lonely in Brightwater");
        await page.GetByLabel("Start date (optional)").FillAsync("2026-01-05");
        await page.GetByLabel("End date (optional)").FillAsync("2027-12-31");
        await page.GetByLabel("Lead organisation").SelectOptionAsync(new SelectOptionValue { Label = lead.Name });
        await page.GetByRole(AriaRole.Button, new() { Name = "Start partnership" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tea and Talk", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Breadcrumb" })).ToContainTextAsync("Partnerships");
        await Assertions.Expect(page.GetByText("Your role: Coordinator")).ToBeVisibleAsync();
        await AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Add a partner" }).ClickAsync();
        await AssertAccessibleAsync();
        await page.GetByLabel("Organisation", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = other.Name });
        await page.GetByLabel("Partner role").SelectOptionAsync(new SelectOptionValue { Label = "Delivery partner" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add partner" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = other.Name, Exact = true })).ToBeVisibleAsync();

        // People are managed on their own page; the home only lists them.
        await page.GetByRole(AriaRole.Link, new() { Name = "Manage people" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "People in Tea and Talk", Level = 1 })).ToBeVisibleAsync();
        await AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Add people" }).ClickAsync();
        await AssertAccessibleAsync();
        await page.GetByLabel("E-mail address").FillAsync("funder@example.org");
        await page.GetByLabel("Role in the partnership").Last.SelectOptionAsync(new SelectOptionValue { Label = "Observer" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The invitation e-mail to funder@example.org is queued");
        await Assertions.Expect(page.GetByText("funder@example.org as observer")).ToBeVisibleAsync();

        // The only coordinator cannot step down: the page says why, beside the list.
        await page.GetByLabel("Role for Priya Shah").SelectOptionAsync(new SelectOptionValue { Label = "Staff" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Change role for Priya Shah" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("is the only coordinator");
        await AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the partnership" }).ClickAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Change details" }).ClickAsync();
        await AssertAccessibleAsync();
        await page.GetByLabel("Status").SelectOptionAsync(new SelectOptionValue { Label = "Active" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You saved the partnership's details.");
    });

    [Fact]
    public Task An_organisation_admin_sees_the_people_and_invites_someone() => JourneyAsync(nameof(An_organisation_admin_sees_the_people_and_invites_someone), async page =>
    {
        var app = Fixture.App;
        var admin = await app.CreateAccountAsync(twoFactor: true, name: "Tom Evans");
        var organisation = await app.CreateOrganisationAsync("Brightwater Men's Shed " + Guid.NewGuid().ToString("N")[..4], (admin, OrganisationRole.Admin));
        await page.SignInAsync(admin);

        await page.GotoAsync("/organisations");
        await AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = organisation.Name }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = admin.Email, Exact = true })).ToBeVisibleAsync();
        await AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Invite someone" }).ClickAsync();
        await page.GetByLabel("E-mail address").FillAsync(admin.Email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("already a member");
        await AssertAccessibleAsync();

        await page.GetByLabel("E-mail address").FillAsync("volunteer@example.org");
        await page.GetByLabel("Role").SelectOptionAsync(new SelectOptionValue { Label = "Volunteer" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "volunteer@example.org", Exact = true })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Change details" }).ClickAsync();
        await AssertAccessibleAsync();
        await page.GetByLabel("Website (optional)").FillAsync("not a website");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("Enter a web address in the right format");
        await AssertAccessibleAsync();
    });
}
