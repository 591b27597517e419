using Concord.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Concord.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class ShellJourneys(BrowserFixture fixture) : JourneyTest(fixture)
{
    [Fact]
    public Task Home_page_is_accessible_and_the_skip_link_reaches_the_content() => JourneyAsync(nameof(Home_page_is_accessible_and_the_skip_link_reaches_the_content), async page =>
    {
        await page.GotoAsync("/");
        Assert.Equal("en-GB", await page.GetAttributeAsync("html", "lang"));
        await AssertAccessibleAsync();

        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" });
        Assert.True(await skip.EvaluateAsync<bool>("e => e === document.activeElement"));
        Assert.True(await skip.IsVisibleAsync());
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main-content", await page.EvaluateAsync<string>("() => document.activeElement.id"));
    });

    [Fact]
    public Task Api_reference_and_error_pages_are_accessible() => JourneyAsync(nameof(Api_reference_and_error_pages_are_accessible), async page =>
    {
        await page.GotoAsync("/api");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "API reference", Level = 1 })).ToBeVisibleAsync();
        await AssertAccessibleAsync();

        var response = await page.GotoAsync("/no/such/page");
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
        await AssertAccessibleAsync();

        await page.GotoAsync("/accessibility");
        await AssertAccessibleAsync();
    });

    [Fact]
    public Task Pages_reflow_on_a_small_screen() => JourneyAsync(nameof(Pages_reflow_on_a_small_screen), async page =>
    {
        await page.SetViewportSizeAsync(320, 640);
        await page.GotoAsync("/");
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 320, $"The page scrolls sideways at 320px wide ({scrollWidth}px).");
        await AssertAccessibleAsync();
    });
}
