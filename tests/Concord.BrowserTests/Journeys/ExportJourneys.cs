using System.IO.Compression;
using System.Text.Json;
using Concord.BrowserTests.Infrastructure;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;
using Microsoft.Playwright;

namespace Concord.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class ExportJourneys(BrowserFixture fixture) : JourneyTest(fixture)
{
    [Fact]
    public Task A_coordinator_downloads_the_hand_over_export_as_a_zip_and_as_json() => JourneyAsync(nameof(A_coordinator_downloads_the_hand_over_export_as_a_zip_and_as_json), async page =>
    {
        var app = Fixture.App;
        var coordinator = await app.CreateAccountAsync(twoFactor: true, name: "Hana Over");
        var lead = await app.CreateOrganisationAsync("Riverside Lunch Club " + Guid.NewGuid().ToString("N")[..4], (coordinator, OrganisationRole.Staff));
        var partnership = await app.CreatePartnershipAsync(lead, (coordinator, PartnershipRole.Coordinator));
        await page.SignInAsync(coordinator);

        await page.GotoAsync($"/partnerships/{partnership.Id}/hand-over");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Hand-over export", Level = 1 })).ToBeVisibleAsync();
        await AssertAccessibleAsync();

        var zip = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "A zip of spreadsheets" }).ClickAsync());
        Assert.EndsWith(".zip", zip.SuggestedFilename, StringComparison.Ordinal);
        using (var archive = new ZipArchive(File.OpenRead(await zip.PathAsync())))
        {
            Assert.Contains(archive.Entries, e => e.FullName == "about.json");
        }

        var json = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "One JSON file" }).ClickAsync());
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(await json.PathAsync()));
        Assert.Equal(partnership.Id, document.RootElement.GetProperty("about").GetProperty("partnershipId").GetGuid());
    });

    [Fact]
    public Task A_person_downloads_their_own_data() => JourneyAsync(nameof(A_person_downloads_their_own_data), async page =>
    {
        var person = await Fixture.App.CreateAccountAsync(name: "Dee Subject");
        await page.SignInAsync(person);
        await page.GotoAsync("/account/personal-data");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your data", Level = 1 })).ToBeVisibleAsync();
        await AssertAccessibleAsync();

        var json = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "One JSON file" }).ClickAsync());
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(await json.PathAsync()));
        Assert.Equal(person.Email, document.RootElement.GetProperty("about").GetProperty("email").GetString());
    });
}
