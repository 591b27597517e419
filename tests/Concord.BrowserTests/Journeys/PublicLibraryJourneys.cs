using Concord.BrowserTests.Infrastructure;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Lessons;
using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;
using Concord.Web.Features.Stories;
using Microsoft.Playwright;

namespace Concord.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class PublicLibraryJourneys(BrowserFixture fixture) : JourneyTest(fixture)
{
    private static string Word() => "zq" + new string([.. Guid.NewGuid().ToString("N")[..8].Select(c => char.IsDigit(c) ? (char)('g' + c - '0') : c)]);

    [Fact]
    public Task Someone_without_an_account_searches_the_public_library_opens_a_lesson_and_reads_a_story() => JourneyAsync(nameof(Someone_without_an_account_searches_the_public_library_opens_a_lesson_and_reads_a_story), async page =>
    {
        var app = Fixture.App;
        var word = Word();
        var writer = await app.CreateAccountAsync(name: "Nia Okafor");
        var organisation = await app.CreateOrganisationAsync("Eastgate Food Bank " + word, (writer, OrganisationRole.Staff));
        var partnership = await app.CreatePartnershipAsync(organisation, (writer, PartnershipRole.Staff));
        var names = new AnonymisationNames([partnership.Name], [organisation.Name], ["Nia Okafor", "Nia"]);
        var storyTitle = $"Sharing a van across {organisation.Name}";
        await app.WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var lesson = new Lesson
            {
                Title = $"Shared van rota at {organisation.Name}",
                WhatHappened = $"Nia Okafor kept one rota for the van, so {partnership.Name} never double-booked it. The {word} rota now runs every week.",
                Kind = LessonKind.WorkedWell,
                Stage = PartnershipStage.During,
                PartnershipId = partnership.Id,
                AuthorId = writer.Id,
                Visibility = LessonVisibility.Public,
                Moderation = ModerationState.Published,
                CreatedAt = now,
                UpdatedAt = now,
            };
            LessonCommands.SetLibraryText(lesson, names);
            db.Add(lesson);
            db.Add(new PartnershipStory
            {
                PartnershipId = partnership.Id,
                Title = storyTitle,
                Background = $"Three partners each had a van standing idle for most of the week ({word}).",
                WhatWasDone = "We pooled them and **Nia** kept the booking sheet.",
                WhatWasLearned = "One person holding the keys matters more than the booking system.",
                State = StoryState.Published,
                PublishedAt = now,
                CreatedById = writer.Id,
                CreatedAt = now,
                UpdatedAt = now,
            });
            await db.SaveChangesAsync();
        });

        // From the sign-in page, without an account.
        await page.GotoAsync("/account/sign-in");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Public library" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Public lessons library", Level = 1 })).ToBeVisibleAsync();
        await AssertAccessibleAsync();

        await page.GetByLabel("Words to look for").FillAsync(word);
        await page.GetByLabel("Sort of lesson").SelectOptionAsync(new SelectOptionValue { Label = "Worked well" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#lesson-count")).ToHaveTextAsync("1 lesson, best match first");
        await Assertions.Expect(page.Locator("mark").First).ToHaveTextAsync(word);
        await AssertAccessibleAsync();

        // The lesson: only the anonymised words.
        await page.GetByRole(AriaRole.Link, new() { Name = "Shared van rota at [organisation]" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Shared van rota at [organisation]");
        await Assertions.Expect(page.GetByText("[person] kept one rota for the van")).ToBeVisibleAsync();
        var lessonText = await page.Locator("main").InnerTextAsync();
        Assert.DoesNotContain("Nia", lessonText, StringComparison.Ordinal);
        Assert.DoesNotContain(organisation.Name, lessonText, StringComparison.Ordinal);
        Assert.DoesNotContain(partnership.Name, lessonText, StringComparison.Ordinal);
        await AssertAccessibleAsync();

        // A story from a partnership.
        await page.GetByRole(AriaRole.Link, new() { Name = "Public lessons library" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "stories from partnerships" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Stories from partnerships", Level = 1 })).ToBeVisibleAsync();
        await AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Sharing a van across [organisation]" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sharing a van across [organisation]");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "What was learned" })).ToBeVisibleAsync();
        Assert.DoesNotContain("Nia", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await AssertAccessibleAsync();
    });
}
