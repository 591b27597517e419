using System.Text;
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
public sealed class LessonJourneys(BrowserFixture fixture) : JourneyTest(fixture)
{
    private async Task<(TestAccount Writer, Partnership Partnership)> MemberAsync()
    {
        var writer = await Fixture.App.CreateAccountAsync(name: "Femi Adebayo");
        var organisation = await Fixture.App.CreateOrganisationAsync("Brightwater Men's Shed " + Guid.NewGuid().ToString("N")[..4], (writer, OrganisationRole.Staff));
        var partnership = await Fixture.App.CreatePartnershipAsync(organisation, (writer, PartnershipRole.Staff));
        return (writer, partnership);
    }

    private static string Word() => "zq" + new string([.. Guid.NewGuid().ToString("N")[..8].Select(c => char.IsDigit(c) ? (char)('g' + c - '0') : c)]);

    [Fact]
    public Task A_member_writes_and_publishes_a_lesson_then_finds_it_with_filters_and_highlights() => JourneyAsync(nameof(A_member_writes_and_publishes_a_lesson_then_finds_it_with_filters_and_highlights), async page =>
    {
        var (writer, partnership) = await MemberAsync();
        var word = Word();
        await page.SignInAsync(writer);
        await page.GetByRole(AriaRole.Link, new() { Name = "Lessons", Exact = true }).ClickAsync();
        await AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Write a lesson" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "There is a problem" })).ToBeVisibleAsync();
        await AssertAccessibleAsync();

        await page.GetByLabel("Title").FillAsync($"Tool library {word} <b>bold</b>");
        await page.GetByLabel("What sort of lesson is it?").SelectOptionAsync(new SelectOptionValue { Label = "Worked well" });
        await page.GetByLabel("What happened").FillAsync($"Lending tools from the shed brought in neighbours who never came to a session. The {word} scheme now runs weekly.");
        await page.GetByLabel("Tags (optional)").FillAsync("tools, outreach");
        await page.GetByLabel("Stage of the partnership (optional)").SelectOptionAsync(new SelectOptionValue { Label = "During" });
        await page.GetByLabel("Partnership (optional)", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = partnership.Name });
        await page.GetByLabel("Who can read it").SelectOptionAsync(new SelectOptionValue { Label = "Network" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your lesson is published in the library.");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync($"Tool library {word} <b>bold</b>");
        await AssertAccessibleAsync();

        // The uncategorised lesson offers categories; one click applies one.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Choose a category" })).ToBeVisibleAsync();
        await page.GetByLabel("Or choose another category").SelectOptionAsync(new SelectOptionValue { Label = "Partnership relationships" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Use this category" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Partnership relationships");

        // Search: the match is highlighted, the markup in the title is shown as text.
        await page.GotoAsync("/lessons");
        await page.GetByLabel("Words to look for").FillAsync(word);
        await page.GetByLabel("Sort of lesson").SelectOptionAsync(new SelectOptionValue { Label = "Worked well" });
        await page.GetByLabel("Stage").SelectOptionAsync(new SelectOptionValue { Label = "During" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#lesson-count")).ToHaveTextAsync("1 lesson, best match first");
        await Assertions.Expect(page.Locator("mark").First).ToHaveTextAsync(word);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = $"Tool library {word} <b>bold</b>" })).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator(".lesson-results b").CountAsync());
        await AssertAccessibleAsync();

        await page.GetByLabel("Sort of lesson").SelectOptionAsync(new SelectOptionValue { Label = "Did not work" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText("No lessons match")).ToBeVisibleAsync();
    });

    [Fact]
    public Task Someone_at_an_event_sends_lessons_without_an_account_and_the_learning_team_moderates_them() => JourneyAsync(nameof(Someone_at_an_event_sends_lessons_without_an_account_and_the_learning_team_moderates_them), async page =>
    {
        var learning = await Fixture.App.CreateAccountAsync(role: NetworkRole.LearningTeam, name: "Leah Moss");
        await page.SignInAsync(learning);
        var eventName = "Harvest networking breakfast " + Word();
        await page.GotoAsync("/lessons/collection-links");
        await AssertAccessibleAsync();
        await page.GetByLabel("Name of the event").FillAsync(eventName);
        await page.GetByLabel("Closes on").FillAsync(DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Make the link" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("is ready");
        var href = await page.GetByRole(AriaRole.Row).Filter(new() { HasText = eventName }).GetByRole(AriaRole.Link).GetAttributeAsync("href");

        // A visitor with no account, in a fresh browser.
        await using var visitorContext = await Fixture.Browser.NewContextAsync(new() { BaseURL = Fixture.BaseAddress.ToString(), Locale = "en-GB" });
        var visitor = await visitorContext.NewPageAsync();
        await visitor.GotoAsync(href!);
        await Assertions.Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(eventName);
        await AssertAccessibleAsync(visitor);
        var title = "Bring a friend works " + Word();
        await visitor.GetByLabel("Title").FillAsync(title);
        await visitor.GetByLabel("What sort of lesson is it?").SelectOptionAsync(new SelectOptionValue { Label = "Worked well" });
        await visitor.GetByLabel("What happened").FillAsync("People who came with a friend stayed for the whole session.");
        await visitor.GetByLabel("Your name and organisation (optional)").FillAsync("Sam, a youth club");
        // The form refuses lessons sent faster than a person could fill it in: move the app's clock on, rather than wait.
        Fixture.Clock.Advance(TimeSpan.FromSeconds(3.2));
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Send lesson" }).ClickAsync();
        await Assertions.Expect(visitor.GetByRole(AriaRole.Status)).ToContainTextAsync("your lesson has been sent");
        await AssertAccessibleAsync(visitor);

        await page.GotoAsync("/lessons/moderation");
        var item = page.GetByRole(AriaRole.Region, new() { Name = title });
        await Assertions.Expect(item).ToContainTextAsync("Sam, a youth club");
        await AssertAccessibleAsync();
        await item.GetByLabel("Who can read it").SelectOptionAsync(new SelectOptionValue { Label = "Public (anonymised)" });
        await item.GetByLabel("Category").SelectOptionAsync(new SelectOptionValue { Label = "Communication" });
        await item.GetByRole(AriaRole.Button, new() { Name = "Approve and publish" }).ClickAsync();

        // Made public: Concord takes the names out and the moderator reads (and corrects) that version before approving it.
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("check the text as the public will read it");
        item = page.GetByRole(AriaRole.Region, new() { Name = title });
        await Assertions.Expect(item.GetByLabel("Text the public will read")).ToHaveValueAsync("People who came with a friend stayed for the whole session.");
        await AssertAccessibleAsync();
        await item.GetByLabel("Text the public will read").FillAsync("People who brought a friend stayed for the whole session.");
        await item.GetByRole(AriaRole.Button, new() { Name = "Approve and publish" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"You published “{title}”");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = title })).ToHaveCountAsync(0);
        var published = await Fixture.App.WithDbAsync(d => d.Set<Lesson>().Where(l => l.Title == title).Select(l => new { l.Moderation, l.LibraryText }).SingleAsync());
        Assert.Equal((ModerationState.Published, "People who brought a friend stayed for the whole session."), (published.Moderation, published.LibraryText));

        // Closing the link: the visitor is told clearly.
        await page.GotoAsync("/lessons/collection-links");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Close now the link for {eventName}" }).ClickAsync();
        await visitor.GotoAsync(href!);
        await Assertions.Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "This link has been closed" })).ToBeVisibleAsync();
        await AssertAccessibleAsync(visitor);
    });

    [Fact]
    public Task A_member_imports_a_spreadsheet_with_errors_then_the_corrected_one() => JourneyAsync(nameof(A_member_imports_a_spreadsheet_with_errors_then_the_corrected_one), async page =>
    {
        var (writer, partnership) = await MemberAsync();
        var word = Word();
        await page.SignInAsync(writer);
        await page.GotoAsync("/lessons/import");
        await AssertAccessibleAsync();
        var bad = $"Title,Kind,What happened\r\nCheck the boiler {word},Tip,Before winter\r\nMissing kind {word},,Oops\r\n";
        await page.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload { Name = "lessons.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(bad) });
        await page.GetByLabel("Partnership the lessons come from").SelectOptionAsync(new SelectOptionValue { Label = partnership.Name });
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the file" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Nothing can be imported");
        await Assertions.Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("Ready");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Import" })).ToHaveCountAsync(0);
        await AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Upload the corrected file" }).ClickAsync();
        var good = bad.Replace("Missing kind " + word + ",,", "Missing kind " + word + ",Did not work,");
        await page.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload { Name = "lessons.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(good) });
        await page.GetByLabel("Partnership the lessons come from").SelectOptionAsync(new SelectOptionValue { Label = partnership.Name });
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the file" }).ClickAsync();
        await Assertions.Expect(page.GetByText("2 lessons are ready to import")).ToBeVisibleAsync();
        await AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Import 2 lessons" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You imported 2 lessons as drafts");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = $"Check the boiler {word}" })).ToBeVisibleAsync();
    });

    [Fact]
    public Task The_learning_team_rejects_a_lesson_with_a_reason_its_author_reads() => JourneyAsync(nameof(The_learning_team_rejects_a_lesson_with_a_reason_its_author_reads), async page =>
    {
        var (writer, partnership) = await MemberAsync();
        var title = "Leaflets in the surgery " + Word();
        var lesson = new Lesson
        {
            Title = title,
            WhatHappened = "Femi left leaflets at the GP surgery and twelve people rang.",
            Kind = LessonKind.WorkedWell,
            AuthorId = writer.Id,
            PartnershipId = partnership.Id,
            Visibility = LessonVisibility.Public,
            Moderation = ModerationState.Pending,
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        LessonCommands.SetLibraryText(lesson, new AnonymisationNames([], [], ["Femi Adebayo"]) { FirstNames = ["Femi"] });
        await Fixture.App.WithDbAsync(async d =>
        {
            d.Add(lesson);
            await d.SaveChangesAsync();
        });

        var learning = await Fixture.App.CreateAccountAsync(role: NetworkRole.LearningTeam, name: "Odile Marsh");
        await page.SignInAsync(learning);
        await page.GotoAsync("/lessons/moderation");
        var item = page.GetByRole(AriaRole.Region, new() { Name = title });
        await Assertions.Expect(item.GetByLabel("Text the public will read")).ToContainTextAsync("[person] left leaflets");

        // Rejecting needs a reason: the form says so beside the field.
        await item.GetByRole(AriaRole.Button, new() { Name = "Reject" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Say why the lesson is not being published");
        item = page.GetByRole(AriaRole.Region, new() { Name = title });
        await Assertions.Expect(item.Locator(".field-error")).ToContainTextAsync("Say why the lesson is not being published");
        await AssertAccessibleAsync();
        await item.GetByLabel("Reason, if you reject it").FillAsync("Say how many leaflets, and which kind of surgery, so others can copy it.");
        await item.GetByRole(AriaRole.Button, new() { Name = "Reject" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"You did not publish “{title}”");

        // Its author reads the reason on the lesson's page.
        await using var authorContext = await Fixture.Browser.NewContextAsync(new() { BaseURL = Fixture.BaseAddress.ToString(), Locale = "en-GB" });
        var author = await authorContext.NewPageAsync();
        await author.SignInAsync(writer);
        await author.GotoAsync($"/lessons/{lesson.Id}");
        await Assertions.Expect(author.Locator("#rejection-reason")).ToContainTextAsync("Say how many leaflets, and which kind of surgery");
        await AssertAccessibleAsync(author);
    });
}
