using Concord.BrowserTests.Infrastructure;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Accounts;
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

    [Fact]
    public Task The_menu_fits_one_line_on_a_laptop_and_folds_into_a_button_on_a_phone() => JourneyAsync(nameof(The_menu_fits_one_line_on_a_laptop_and_folds_into_a_button_on_a_phone), async page =>
    {
        // A network admin has the most links.
        var admin = await Fixture.App.CreateAccountAsync(role: NetworkRole.NetworkAdmin, twoFactor: true);
        await page.SignInAsync(admin);
        await page.GotoAsync("/");
        var main = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        var tops = await main.GetByRole(AriaRole.Listitem).EvaluateAllAsync<double[]>("items => items.map(i => i.getBoundingClientRect().top)");
        Assert.True(tops.Length >= 8 && tops.Distinct().Count() == 1, $"The sections wrap at 1280px: {string.Join(", ", tops)}");
        await Assertions.Expect(page.Locator(".site-menu > summary", new() { HasText = "Menu" })).ToBeHiddenAsync();

        await page.SetViewportSizeAsync(390, 800);
        var menu = page.Locator(".site-menu > summary", new() { HasText = "Menu" });
        await Assertions.Expect(menu).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Organisations" })).ToBeHiddenAsync();
        var header = await page.Locator("header").BoundingBoxAsync();
        Assert.True(header!.Height < 100, $"The closed header is {header.Height}px tall on a phone.");

        // By keyboard: the skip link, the brand, then the menu button; Enter opens it and the links follow.
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Menu", await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()"));
        Assert.NotEqual("rgba(0, 0, 0, 0)", await menu.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Home", await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()"));
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 390, $"The open menu scrolls sideways ({scrollWidth}px).");
        await AssertAccessibleAsync();
        await page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Organisations" }).ClickAsync();
        await page.WaitForURLAsync("**/organisations");
    });

    [Fact]
    public async Task The_phone_menu_works_without_javascript()
    {
        var person = await Fixture.App.CreateAccountAsync();
        await using var context = await Fixture.Browser.NewContextAsync(new()
        {
            BaseURL = Fixture.BaseAddress.ToString(),
            JavaScriptEnabled = false,
            ViewportSize = new ViewportSize { Width = 320, Height = 640 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("E-mail address").FillAsync(person.Email);
        await page.GetByLabel("Password").FillAsync(person.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator(".site-menu > summary", new() { HasText = "Menu" })).ToBeVisibleAsync();
        await page.Locator(".site-menu > summary", new() { HasText = "Menu" }).ClickAsync();
        await page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Guidance" }).ClickAsync();
        await page.WaitForURLAsync("**/guidance");
    }
}
