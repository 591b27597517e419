using System.Text.RegularExpressions;
using Concord.BrowserTests.Infrastructure;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;
using Microsoft.Playwright;

namespace Concord.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed partial class InvitationJourneys(BrowserFixture fixture) : JourneyTest(fixture)
{
    [Fact]
    public Task An_invited_volunteer_accepts_the_emailed_link_and_joins_the_partnership() => JourneyAsync(nameof(An_invited_volunteer_accepts_the_emailed_link_and_joins_the_partnership), async page =>
    {
        var app = Fixture.App;
        var coordinator = await app.CreateAccountAsync(twoFactor: true, name: "Joan Carter");
        var organisation = await app.CreateOrganisationAsync("Westside Lunch Club " + Guid.NewGuid().ToString("N")[..4], (coordinator, OrganisationRole.Admin));
        var partnership = await app.CreatePartnershipAsync(organisation, (coordinator, PartnershipRole.Coordinator));
        var invitee = TestPeople.UniqueEmail("volunteer");

        await page.SignInAsync(coordinator);

        await page.GotoAsync($"/partnerships/{partnership.Id}/people/add");
        await page.GetByLabel("E-mail address").FillAsync(invitee);
        await page.GetByLabel("Role in the partnership").Last.SelectOptionAsync(new SelectOptionValue { Label = "Volunteer" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(invitee);

        // The invitee is someone else, on another device: a fresh browser context with no session.
        var mail = await SmtpTestServer.Instance.WaitForMessageAsync(invitee, "invited");
        var link = LinkInMail().Match(mail.TextBody ?? "").Value;
        Assert.False(string.IsNullOrEmpty(link), "The invitation e-mail has no link.");
        await using var theirs = await Fixture.Browser.NewContextAsync(new() { BaseURL = Fixture.BaseAddress.ToString(), Locale = "en-GB" });
        var invitePage = await theirs.NewPageAsync();
        await invitePage.GotoAsync(new Uri(link).PathAndQuery);
        await Assertions.Expect(invitePage.GetByText($"Joan Carter has invited you to join {partnership.Name}")).ToBeVisibleAsync();
        await AssertAccessibleAsync(invitePage);

        await invitePage.GetByRole(AriaRole.Button, new() { Name = "Create account and join" }).ClickAsync();
        await Assertions.Expect(invitePage.GetByRole(AriaRole.Link, new() { Name = "Enter your full name" })).ToBeVisibleAsync();
        await AssertAccessibleAsync(invitePage);
        await invitePage.GetByLabel("Your full name").FillAsync("Vic Volunteer");
        await invitePage.GetByLabel("Create a password").FillAsync("marmalade on thursdays");
        await invitePage.GetByLabel("Type the password again").FillAsync("marmalade on thursdays");
        await invitePage.GetByRole(AriaRole.Button, new() { Name = "Create account and join" }).ClickAsync();

        await Assertions.Expect(invitePage.GetByRole(AriaRole.Heading, new() { Name = partnership.Name, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(invitePage.GetByRole(AriaRole.Status)).ToContainTextAsync("Welcome to Concord");

        // The link works once.
        await using var again = await Fixture.Browser.NewContextAsync(new() { BaseURL = Fixture.BaseAddress.ToString() });
        var secondTry = await again.NewPageAsync();
        await secondTry.GotoAsync(new Uri(link).PathAndQuery);
        await Assertions.Expect(secondTry.GetByRole(AriaRole.Heading, new() { Name = "This invitation has been used" })).ToBeVisibleAsync();

        // The coordinator sees the new volunteer among the partnership's people.
        await page.GotoAsync($"/partnerships/{partnership.Id}/people");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Vic Volunteer", Exact = true })).ToBeVisibleAsync();
    });

    [Fact]
    public Task A_coordinator_copies_the_invitation_link_and_the_invitee_joins_with_it() => JourneyAsync(nameof(A_coordinator_copies_the_invitation_link_and_the_invitee_joins_with_it), async page =>
    {
        var app = Fixture.App;
        var coordinator = await app.CreateAccountAsync(twoFactor: true, name: "Rita Patel");
        var organisation = await app.CreateOrganisationAsync("Eastgate Food Bank " + Guid.NewGuid().ToString("N")[..4], (coordinator, OrganisationRole.Admin));
        var partnership = await app.CreatePartnershipAsync(organisation, (coordinator, PartnershipRole.Coordinator));
        var invitee = TestPeople.UniqueEmail("steering");
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);

        await page.SignInAsync(coordinator);
        await page.GotoAsync($"/partnerships/{partnership.Id}/people/add");
        await page.GetByLabel("E-mail address").FillAsync(invitee);
        await page.GetByLabel("Role in the partnership").Last.SelectOptionAsync(new SelectOptionValue { Label = "Steering group member" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();

        // The page says the e-mail is queued (not that it was sent) and offers the link, once.
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"The invitation e-mail to {invitee} is queued");
        var field = page.GetByLabel($"Invitation link for {invitee}");
        await Assertions.Expect(field).ToHaveValueAsync(new Regex("/invitations/"));
        await AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy link" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Link copied.")).ToBeVisibleAsync();
        var copied = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.Equal(await field.InputValueAsync(), copied);

        // The coordinator sends the link another way; the invitee opens it on their own device and joins.
        await using var theirs = await Fixture.Browser.NewContextAsync(new() { BaseURL = Fixture.BaseAddress.ToString(), Locale = "en-GB" });
        var invitePage = await theirs.NewPageAsync();
        await invitePage.GotoAsync(new Uri(copied).PathAndQuery);
        await Assertions.Expect(invitePage.GetByText($"Rita Patel has invited you to join {partnership.Name}")).ToBeVisibleAsync();
        await invitePage.GetByLabel("Your full name").FillAsync("Sam Steering");
        await invitePage.GetByLabel("Create a password").FillAsync("lanterns by the river");
        await invitePage.GetByLabel("Type the password again").FillAsync("lanterns by the river");
        await invitePage.GetByRole(AriaRole.Button, new() { Name = "Create account and join" }).ClickAsync();
        await Assertions.Expect(invitePage.GetByRole(AriaRole.Heading, new() { Name = partnership.Name, Level = 1 })).ToBeVisibleAsync();

        // The link is not shown again.
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"People in {partnership.Name}", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel($"Invitation link for {invitee}")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Sam Steering", Exact = true })).ToBeVisibleAsync();
    });

    [GeneratedRegex(@"https?://\S+/invitations/\S+")]
    private static partial Regex LinkInMail();
}
