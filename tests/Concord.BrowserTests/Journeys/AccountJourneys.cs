using System.Text.RegularExpressions;
using Concord.BrowserTests.Infrastructure;
using Concord.Tests.Infrastructure;
using Concord.Web.Infrastructure.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OtpNet;

namespace Concord.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed partial class AccountJourneys(BrowserFixture fixture) : JourneyTest(fixture)
{
    [Fact]
    public async Task First_start_set_up_names_the_network_and_enrols_the_administrator_in_two_step_verification()
    {
        // A brand-new installation of its own: set-up only exists while there are no accounts.
        await using var fresh = await ConcordFactory.CreateAsync(Db.Sqlite, migrate: false);
        fresh.UseKestrel(0);
        fresh.StartServer();
        var token = fresh.Services.GetRequiredService<SetupToken>().Value;

        await JourneyAsync(nameof(First_start_set_up_names_the_network_and_enrols_the_administrator_in_two_step_verification), async page =>
        {
            var root = fresh.ClientOptions.BaseAddress.ToString().TrimEnd('/');
            await page.GotoAsync(root + "/");
            await Assertions.Expect(page.GetByText("Concord has not been set up yet.")).ToBeVisibleAsync();
            await AssertAccessibleAsync();

            await page.GotoAsync($"{root}/setup?token={token}");
            await AssertAccessibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Create network and account" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "There is a problem" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Enter the name of your network" })).ToBeVisibleAsync();
            await AssertAccessibleAsync();

            await page.GetByLabel("Network name").FillAsync("Riverbend Ageing Well Network");
            await page.GetByLabel("Your full name").FillAsync("Priya Shah");
            await page.GetByLabel("E-mail address").FillAsync("priya.shah@riverbend.example");
            await page.GetByLabel("Create a password").FillAsync("lanterns over the river");
            await page.GetByLabel("Type the password again").FillAsync("lanterns over the river");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create network and account" }).ClickAsync();

            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Two-step verification", Level = 1 })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByText("You need to set up two-step verification to continue.")).ToBeVisibleAsync();
            await AssertAccessibleAsync();
            var key = (await page.GetByTestId("authenticator-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
            await page.GetByLabel("Code from the app").FillAsync(new Totp(Base32Encoding.ToBytes(key)).ComputeTotp());
            await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-step verification" }).ClickAsync();

            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Save your recovery codes" })).ToBeVisibleAsync();
            Assert.Equal(10, await page.GetByTestId("recovery-codes").Locator("li").CountAsync());
            await AssertAccessibleAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "I have saved my codes – continue" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Riverbend Ageing Well Network", Level = 1 })).ToBeVisibleAsync();
            await AssertAccessibleAsync();
        });
    }

    [Fact]
    public async Task Signing_in_with_the_keyboard_asks_for_the_code_and_repeated_failures_lock_the_account()
    {
        var person = await Fixture.App.CreateAccountAsync(twoFactor: true, name: "Keyboard User");
        await JourneyAsync(nameof(Signing_in_with_the_keyboard_asks_for_the_code_and_repeated_failures_lock_the_account), async page =>
        {
            await page.GotoAsync("/account/sign-in");
            await AssertAccessibleAsync();

            // Keyboard only: tab to each field, type, press Enter.
            await page.GetByLabel("E-mail address").FocusAsync();
            await page.Keyboard.TypeAsync(person.Email);
            await page.Keyboard.PressAsync("Tab");
            await page.Keyboard.TypeAsync("this is not it");
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "There is a problem" })).ToBeVisibleAsync();
            Assert.True(await page.Locator(".error-summary").EvaluateAsync<bool>("e => e === document.activeElement"), "The error summary should take focus.");
            await Assertions.Expect(page.GetByLabel("E-mail address")).ToHaveValueAsync(person.Email);
            await AssertAccessibleAsync();

            await page.GetByLabel("Password").FillAsync(person.Password);
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enter the code from your authenticator app" })).ToBeVisibleAsync();
            await AssertAccessibleAsync();
            await page.GetByLabel("Code").FillAsync(person.Code());
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.GetByText("Hello, Keyboard User.")).ToBeVisibleAsync();
            await AssertAccessibleAsync();

            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Concord" })).ToBeVisibleAsync();

            for (var i = 0; i < 10; i++)
            {
                await page.GetByLabel("E-mail address").FillAsync(person.Email);
                await page.GetByLabel("Password").FillAsync($"wrong attempt {i}");
                await page.RunAndWaitForResponseAsync(
                    () => page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync(),
                    response => response.Request.Method == "POST" && response.Url.Contains("/account/sign-in", StringComparison.Ordinal));
                // The form comes back without the password: this attempt's answer has replaced the page.
                await Assertions.Expect(page.GetByLabel("Password")).ToHaveValueAsync("");
            }

            await page.GetByLabel("E-mail address").FillAsync(person.Email);
            await page.GetByLabel("Password").FillAsync(person.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Assertions.Expect(page.GetByText(LockedOut())).ToBeVisibleAsync();
            await AssertAccessibleAsync();
        });
    }

    [GeneratedRegex("Your account is locked for 5 minutes")]
    private static partial Regex LockedOut();
}
