using Concord.BrowserTests.Infrastructure;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Accounts;
using Concord.Web.Features.Lessons;
using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Concord.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class GuidanceJourneys(BrowserFixture fixture) : JourneyTest(fixture)
{
    private async Task<(TestAccount Coordinator, Partnership Partnership)> PartnershipAsync()
    {
        var app = Fixture.App;
        var coordinator = await app.CreateAccountAsync(twoFactor: true, name: "Asha Patel");
        var organisation = await app.CreateOrganisationAsync("Brightwater Carers " + Guid.NewGuid().ToString("N")[..4], (coordinator, OrganisationRole.Admin));
        var partnership = await app.CreatePartnershipAsync(organisation, (coordinator, PartnershipRole.Coordinator));
        return (coordinator, partnership);
    }

    [Fact]
    public Task A_member_reads_guidance_and_follows_it_to_a_related_lesson() => JourneyAsync(nameof(A_member_reads_guidance_and_follows_it_to_a_related_lesson), async page =>
    {
        var app = Fixture.App;
        var (coordinator, partnership) = await PartnershipAsync();
        var title = "Monthly check-ins kept us honest " + Guid.NewGuid().ToString("N")[..4];
        await app.WithDbAsync(async db =>
        {
            var category = await db.Set<LessonCategoryEntry>().FirstAsync(c => c.Slug == "partnership-relationships");
            db.Add(new Lesson
            {
                Title = title,
                LibraryTitle = title,
                LibraryText = title,
                Context = "Partners met monthly to talk about the partnership itself.",
                Kind = LessonKind.WorkedWell,
                Visibility = LessonVisibility.Network,
                Moderation = ModerationState.Published,
                CategoryId = category.Id,
                PartnershipId = partnership.Id,
                CreatedAt = DateTimeOffset.UtcNow,
                UpdatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        });
        await page.SignInAsync(coordinator);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Guidance" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Guidance for partnerships", Level = 1 })).ToBeVisibleAsync();
        await AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "During the partnership: keeping it healthy" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Watch for early signs of strain" })).ToBeVisibleAsync();
        await AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await AssertAccessibleAsync();
    });

    [Fact]
    public Task A_coordinator_adopts_a_checklist_ticks_an_item_and_sees_progress_on_the_partnership_page() => JourneyAsync(nameof(A_coordinator_adopts_a_checklist_ticks_an_item_and_sees_progress_on_the_partnership_page), async page =>
    {
        var (coordinator, partnership) = await PartnershipAsync();
        await page.SignInAsync(coordinator);
        await page.GotoAsync($"/partnerships/{partnership.Id}");
        await Assertions.Expect(page.GetByText("No checklist adopted yet.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Choose a checklist" }).ClickAsync();
        await AssertAccessibleAsync();
        await page.GetByLabel("Checklist").SelectOptionAsync(new SelectOptionValue { Label = "Setting up the partnership" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Adopt checklist" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Setting up the partnership", Level = 1 })).ToBeVisibleAsync();
        await AssertAccessibleAsync();

        var first = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Terminology agreed" });
        await first.GetByLabel("Note for").FillAsync("Glossary agreed at the launch meeting");
        await first.GetByRole(AriaRole.Button, new() { Name = "Mark done" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Marked done: Terminology agreed");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Terminology agreed" })).ToContainTextAsync("Glossary agreed at the launch meeting");
        await AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Breadcrumb" }).GetByRole(AriaRole.Link, new() { Name = partnership.Name }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("checklist-progress")).ToHaveTextAsync("1 of 7 done");
        await AssertAccessibleAsync();
    });

    [Fact]
    public Task A_member_writes_a_story_and_publishes_it_to_the_network() => JourneyAsync(nameof(A_member_writes_a_story_and_publishes_it_to_the_network), async page =>
    {
        var (coordinator, partnership) = await PartnershipAsync();
        var title = "Lunch club and advice, side by side " + Guid.NewGuid().ToString("N")[..4];
        await page.SignInAsync(coordinator);
        await page.GotoAsync($"/partnerships/{partnership.Id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "The partnership's stories" }).ClickAsync();
        await AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Write a story" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "There is a problem" })).ToBeVisibleAsync();
        await AssertAccessibleAsync();
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel("Background").FillAsync("People came to the lunch club with letters they could not make sense of.");
        await page.GetByLabel("What was done").FillAsync("An adviser joined the lunch club every other Tuesday.");
        await page.GetByLabel("What was learned").FillAsync("Advice **where people already are** reached people who never came to the office.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Assertions.Expect(page.GetByText("only the partnership's members can read it")).ToBeVisibleAsync();
        await AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Publish to the network" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You published the story to the network.");
        await page.GotoAsync("/stories");
        await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Assertions.Expect(page.GetByText("where people already are")).ToBeVisibleAsync();
        await AssertAccessibleAsync();
    });

    [Fact]
    public Task The_learning_team_generates_both_reports_and_downloads_the_PDFs() => JourneyAsync(nameof(The_learning_team_generates_both_reports_and_downloads_the_PDFs), async page =>
    {
        var learning = await Fixture.App.CreateAccountAsync(role: NetworkRole.LearningTeam, name: "Leah Morgan");
        await page.SignInAsync(learning);
        foreach (var (path, heading) in new[] { ("/reports/learning/practitioners", "Learning from partnerships"), ("/reports/learning/sector", "Patterns across partnerships") })
        {
            await page.GotoAsync(path);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
            await page.GetByLabel("Created from").FillAsync("2020-01-01");
            await page.GetByRole(AriaRole.Button, new() { Name = "Show report" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Lessons by category" })).ToBeVisibleAsync();
            await AssertAccessibleAsync();

            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download as PDF" }).ClickAsync());
            Assert.EndsWith(".pdf", download.SuggestedFilename, StringComparison.Ordinal);
            var file = await download.PathAsync();
            var pdf = PdfText.Of(await File.ReadAllBytesAsync(file!));
            Assert.StartsWith(heading, pdf.Pages[0], StringComparison.Ordinal);
            Assert.Contains("Lessons by category", pdf.All, StringComparison.Ordinal);
        }
    });
}
