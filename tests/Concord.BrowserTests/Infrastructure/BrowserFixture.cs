using Concord.Tests.Infrastructure;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Concord.BrowserTests.Infrastructure;

/// <summary>
/// Concord served on a real loopback port (SQLite in a temporary folder) and Debian's Chromium, headless,
/// driven by Playwright. One server and one browser for the run; each journey gets a fresh browser context.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public ConcordFactory App { get; private set; } = null!;

    /// <summary>The app's clock: it follows the system clock, and a journey moves it on instead of waiting.</summary>
    public MovableTime Clock { get; } = MovableTime.FollowingTheSystemClock();
    public IBrowser Browser { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // A copy of the migrated template (the first-start journey covers an app migrating its own new SQLite file).
        App = await ConcordFactory.CreateAsync(Db.Sqlite, services: s => s.AddSingleton<TimeProvider>(Clock));
        App.UseKestrel(0);
        App.StartServer();
        BaseAddress = App.ClientOptions.BaseAddress;

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright?.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>The journeys: one after another, on one app and one browser.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

/// <summary>
/// The accessibility sweep, the longest single test: its own app (with the demo network) and browser, so it runs
/// beside the journeys rather than after them (xunit.runner.json runs two collections at a time).
/// </summary>
[CollectionDefinition(Name)]
public sealed class SweepCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser: accessibility sweep";
}

/// <summary>Base for journeys: a fresh context per test, a screenshot when it fails, and accessibility checks.</summary>
public abstract class JourneyTest(BrowserFixture fixture) : IAsyncLifetime
{
    private IBrowserContext? context;
    private readonly List<string> consoleErrors = [];

    protected BrowserFixture Fixture { get; } = fixture;
    protected IPage Page { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        context = await Fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Fixture.BaseAddress.ToString(),
            Locale = "en-GB",
            TimezoneId = "Europe/London",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        Page = await context.NewPageAsync();
        // Script errors and CSP violations show up as console errors; a missing stylesheet, script or image
        // as a failed sub-resource. (A page that is meant to answer 404 is the document itself, not a sub-resource.)
        Page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                consoleErrors.Add(message.Text);
            }
        };
        Page.Response += (_, response) =>
        {
            if (response.Status >= 400 && response.Request.ResourceType != "document")
            {
                consoleErrors.Add($"{response.Status} for {response.Url}");
            }
        };
    }

    public async Task DisposeAsync()
    {
        if (context is not null)
        {
            await context.DisposeAsync();
        }
    }

    /// <summary>Runs the journey; on failure saves a full-page screenshot to TestResults/screenshots and rethrows.</summary>
    protected async Task JourneyAsync(string name, Func<IPage, Task> journey)
    {
        try
        {
            await journey(Page);
            Assert.True(consoleErrors.Count == 0, "The browser reported errors: " + string.Join(" | ", consoleErrors));
        }
        catch
        {
            var folder = Path.Combine(ResultsFolder(), "screenshots");
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, string.Concat(name.Select(c => char.IsLetterOrDigit(c) ? c : '-')) + ".png");
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
            throw;
        }
    }

    /// <summary>Fails on any serious or critical axe-core violation on the current page.</summary>
    protected async Task AssertAccessibleAsync(IPage? page = null)
    {
        page ??= Page;
        AxeResult result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"Accessibility violations on {page.Url}:\n" + string.Join("\n", bad.Select(v =>
            $"- {v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
    }

    private static string ResultsFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Concord.slnx")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "TestResults");
    }
}
