using Concord.BrowserTests.Infrastructure;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Commitments;
using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Concord.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class CommitmentLedgerJourneys(BrowserFixture fixture) : JourneyTest(fixture)
{
    private static DateOnly Today => London.Today(TimeProvider.System);

    private async Task<(TestAccount Coordinator, Partnership Partnership, string Organisation)> StartAsync(IPage page)
    {
        var app = Fixture.App;
        var coordinator = await app.CreateAccountAsync(twoFactor: true, name: "Asha Patel");
        var name = "Brightwater Food Bank " + Guid.NewGuid().ToString("N")[..4];
        var lead = await app.CreateOrganisationAsync(name, (coordinator, OrganisationRole.Staff));
        var partnership = await app.CreatePartnershipAsync(lead, (coordinator, PartnershipRole.Coordinator));
        await page.SignInAsync(coordinator);
        return (coordinator, partnership, name);
    }

    [Fact]
    public Task A_coordinator_adds_a_commitment_records_an_update_and_sees_it_go_late_by_date() => JourneyAsync(nameof(A_coordinator_adds_a_commitment_records_an_update_and_sees_it_go_late_by_date), async page =>
    {
        var (_, partnership, organisation) = await StartAsync(page);
        await page.GotoAsync($"/partnerships/{partnership.Id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "All commitments" }).ClickAsync();
        await AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a commitment" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add commitment" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "There is a problem" })).ToBeVisibleAsync();
        await AssertAccessibleAsync();

        await page.GetByLabel("What will be done").FillAsync("Collect winter coats from three schools");
        await page.GetByLabel("Owner organisation").SelectOptionAsync(new SelectOptionValue { Label = organisation });
        await page.GetByLabel("Owner person (optional)").SelectOptionAsync(new SelectOptionValue { Label = $"Asha Patel ({organisation})" });
        // Typed the way the hint says: day/month/year.
        await page.GetByLabel("Due date").FillAsync(Today.AddDays(1).ToString("d/M/yyyy", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("How we will know it is done (optional)").FillAsync("Coats sorted and on the rails");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add commitment" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Collect winter coats from three schools", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("due tomorrow")).ToBeVisibleAsync();
        await AssertAccessibleAsync();

        await page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "At risk" });
        await page.GetByLabel("Note (optional)").FillAsync("One school has not replied yet");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record update" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You recorded the commitment as at risk.");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "One school has not replied yet" })).ToBeVisibleAsync();
        await AssertAccessibleAsync();

        // Two days pass with no one reporting: the due date is now behind us (moved back in the database, as time would).
        await Fixture.App.WithDbAsync(db => db.Set<Commitment>().Where(c => c.PartnershipId == partnership.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.DueDate, Today.AddDays(-1))));
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByText("1 day late")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("It shows as late because its due date has passed")).ToBeVisibleAsync();

        await page.GotoAsync("/commitments");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Late", Exact = true })).ToBeVisibleAsync();
        await AssertAccessibleAsync();
        await page.GotoAsync($"/partnerships/{partnership.Id}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Late (1)" })).ToBeVisibleAsync();
        await AssertAccessibleAsync();
    });

    [Fact]
    public Task A_promise_in_the_ledger_becomes_a_commitment_and_the_check_finds_tampering() => JourneyAsync(nameof(A_promise_in_the_ledger_becomes_a_commitment_and_the_check_finds_tampering), async page =>
    {
        var (_, partnership, organisation) = await StartAsync(page);
        await page.GotoAsync($"/partnerships/{partnership.Id}/ledger");
        await AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Record a communication" }).ClickAsync();
        await AssertAccessibleAsync();
        await page.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Label = "Meeting" });
        await page.GetByLabel("Summary").FillAsync("Volunteers' meeting about the winter coat drive");
        await page.GetByLabel(organisation).CheckAsync();
        await page.GetByLabel("People involved (optional)").FillAsync("Asha Patel\nJo Green");
        var promise = page.GetByRole(AriaRole.Group, new() { Name = "Promise 1" });
        await promise.GetByLabel("What will be done").FillAsync("Print the coat drive posters");
        await promise.GetByLabel("Owner organisation").SelectOptionAsync(new SelectOptionValue { Label = organisation });
        await promise.GetByLabel("Due date").FillAsync(Today.AddDays(5).ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Record in the ledger" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("its promise became a commitment");
        await AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Print the coat drive posters" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Print the coat drive posters", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Ledger entry")).ToBeVisibleAsync();

        await page.GotoAsync($"/partnerships/{partnership.Id}/ledger");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the ledger has not been altered" }).ClickAsync();
        await Assertions.Expect(page.Locator("#verification")).ToContainTextAsync("Intact");
        await AssertAccessibleAsync();

        // Someone with database access gets round the trigger and rewrites the entry.
        await Fixture.App.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER ledger_entries_no_update");
            await db.Database.ExecuteSqlAsync($"UPDATE ledger_entries SET \"Summary\" = 'Nothing was promised' WHERE \"PartnershipId\" = {partnership.Id}");
            await db.Database.ExecuteSqlRawAsync("CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries BEGIN SELECT RAISE(ABORT, 'ledger_entries is append-only'); END;");
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the ledger has not been altered" }).ClickAsync();
        await Assertions.Expect(page.Locator("#verification")).ToContainTextAsync("Entry 1 has been changed since it was recorded.");
        await AssertAccessibleAsync();
    });

    [Fact]
    public Task A_coordinator_agrees_and_changes_how_to_keep_in_touch_and_filters_the_ledger_by_partner() => JourneyAsync(nameof(A_coordinator_agrees_and_changes_how_to_keep_in_touch_and_filters_the_ledger_by_partner), async page =>
    {
        var (_, partnership, organisation) = await StartAsync(page);
        await page.GotoAsync($"/partnerships/{partnership.Id}/contact");
        await page.GetByLabel("Partner", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = organisation });
        await page.GetByLabel("Channel").FillAsync("Monthly meeting");
        await page.GetByLabel("How often").SelectOptionAsync(new SelectOptionValue { Label = "monthly" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Agree" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You agreed a way of keeping in touch.");
        await AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = $"Change Monthly meeting with {organisation}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Change the way of keeping in touch" })).ToBeVisibleAsync();
        await AssertAccessibleAsync();
        await page.GetByLabel("Channel").FillAsync("Fortnightly phone call");
        await page.GetByLabel("How often").SelectOptionAsync(new SelectOptionValue { Label = "every fortnight" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You saved the way of keeping in touch.");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Fortnightly phone call", Exact = true })).ToBeVisibleAsync();

        await page.GotoAsync($"/partnerships/{partnership.Id}/ledger/new");
        await page.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Label = "Call" });
        await page.GetByLabel("Summary").FillAsync("Fortnightly call about the coat drive");
        await page.GetByLabel(organisation).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record in the ledger" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You recorded entry 1 in the ledger.");
        await page.GetByLabel("Organisation involved").SelectOptionAsync(new SelectOptionValue { Label = organisation });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show entries" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("partner="));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "1. Call" })).ToBeVisibleAsync();
        await AssertAccessibleAsync();
    });
}
