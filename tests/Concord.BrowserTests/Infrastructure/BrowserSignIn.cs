using Concord.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Concord.BrowserTests.Infrastructure;

/// <summary>Signing in the way a person does, for every journey.</summary>
public static class BrowserSignIn
{
    /// <summary>
    /// Signs in on the sign-in page, then on the code page when the account has two-step verification
    /// (it has an authenticator key), and waits until the page shows the person signed in.
    /// </summary>
    public static Task SignInAsync(this IPage page, TestAccount account) =>
        page.SignInAsync(account.Email, account.Password, account.AuthenticatorKey);

    public static async Task SignInAsync(this IPage page, string email, string password, string? authenticatorKey)
    {
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        if (authenticatorKey is not null)
        {
            // The code page, by its heading (an assertion that retries, not a wait for a load event).
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enter the code from your authenticator app" })).ToBeVisibleAsync();
            var code = new TestAccount(Guid.Empty, email, password, authenticatorKey).Code();
            await page.GetByLabel("Code", new() { Exact = true }).FillAsync(code);
            await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        }

        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }
}
