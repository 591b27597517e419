using System.Text;
using Concord.BrowserTests.Infrastructure;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Demo;
using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Concord.BrowserTests.Journeys;

/// <summary>
/// Opens every page the app registers, signed in as demo people who may see it, and runs axe-core on each.
/// New pages are swept automatically; a page whose route needs a record the sweep does not know fails it.
/// </summary>
[Collection(SweepCollection.Name)]
public sealed class AccessibilitySweep(BrowserFixture fixture) : JourneyTest(fixture)
{
    /// <summary>Pages that only make sense with a one-time secret or a step in progress; journeys cover them.</summary>
    private static readonly HashSet<string> NeedOneTimeState = new(StringComparer.OrdinalIgnoreCase)
    {
        "/setup", "/invitations/{secret}", "/account/reset-password", "/account/confirm-email", "/account/sign-in/two-factor",
        "/account/sign-in/recovery-code", "/account/two-factor/recovery-codes", "/error/{code:int}",
    };

    /// <summary>Addresses that answer with a file download rather than a page.</summary>
    private static readonly HashSet<string> Downloads = new(StringComparer.OrdinalIgnoreCase) { "/lessons/export" };

    private static readonly HashSet<string> LearningTeamPages = new(StringComparer.OrdinalIgnoreCase)
    {
        "/lessons/moderation", "/lessons/categories", "/lessons/collection-links",
        // Guidance and checklist editing, learning reports.
        "/guidance/new", "/guidance/{slug}/edit", "/guidance/checklists/new", "/guidance/checklists/{templateId:guid}/edit",
        "/reports/learning/practitioners", "/reports/learning/sector",
    };

    private static readonly HashSet<string> NetworkAdminPages = new(StringComparer.OrdinalIgnoreCase)
    {
        "/admin/accounts", "/organisations/new", "/outbox",
    };

    [Fact]
    public Task Every_page_passes_axe_for_the_people_who_use_it() => JourneyAsync(nameof(Every_page_passes_axe_for_the_people_who_use_it), async page =>
    {
        var app = Fixture.App;
        DemoResult demo;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            demo = await ActivatorUtilities.CreateInstance<DemoNetwork>(scope.ServiceProvider).LoadAsync();
        }

        var partnership = demo.Partnerships.Single(p => p.Name == "Brightwater Together Against Loneliness");
        var organisation = demo.Organisations.Single(o => o.Name == "Silverlinks Older People's Trust");
        var records = await app.WithDbAsync(async db => new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase)
        {
            ["partnerId"] = await db.Set<Partner>().Where(p => p.PartnershipId == partnership.Id && p.OrganisationId != organisation.Id).Select(p => p.Id).FirstAsync(),
            ["memberId"] = await db.Set<PartnershipMembership>().Where(m => m.PartnershipId == partnership.Id).Select(m => m.Id).FirstAsync(),
            ["ownPartnerId"] = await db.Set<Partner>().Where(p => p.PartnershipId == partnership.Id && p.OrganisationId == organisation.Id).Select(p => p.Id).FirstAsync(),
            ["accountId"] = await db.Set<OrganisationMembership>().Where(m => m.OrganisationId == organisation.Id).Select(m => m.AccountId).FirstAsync(),
            ["commitmentId"] = await db.Set<Concord.Web.Features.Commitments.Commitment>().Where(c => c.PartnershipId == partnership.Id && c.SourceLedgerEntryId != null).Select(c => c.Id).FirstAsync(),
            ["workstreamId"] = await db.Set<Concord.Web.Features.Delivery.Workstream>().Where(w => w.PartnershipId == partnership.Id).Select(w => w.Id).FirstAsync(),
            ["versionId"] = await db.Set<Concord.Web.Features.Agreements.AgreementVersion>().Where(v => v.PartnershipId == partnership.Id).OrderBy(v => v.Number).Select(v => v.Id).FirstAsync(),
            ["methodId"] = await db.Set<Concord.Web.Features.Ledger.CommunicationMethod>().Where(m => m.PartnershipId == partnership.Id).Select(m => m.Id).FirstAsync(),
            ["checklistId"] = await db.Set<Concord.Web.Features.Guidance.PartnershipChecklist>().Where(c => c.PartnershipId == partnership.Id).Select(c => c.Id).FirstAsync(),
            ["storyId"] = await db.Set<Concord.Web.Features.Stories.PartnershipStory>().Where(s => s.PartnershipId == partnership.Id && s.State == Concord.Web.Features.Stories.StoryState.Published).Select(s => s.Id).FirstAsync(),
            ["templateId"] = Concord.Web.Features.Guidance.DefaultGuidance.Checklists[0].Id,
            // The coordinator's uncategorised draft: its page shows category suggestions, and it can be edited.
            // A public, published lesson: the public library's lesson page.
            ["publicLessonId"] = await db.Set<Concord.Web.Features.Lessons.Lesson>().Where(l => l.Visibility == Concord.Web.Features.Lessons.LessonVisibility.Public &&
                l.Moderation == Concord.Web.Features.Lessons.ModerationState.Published).Select(l => l.Id).FirstAsync(),
            ["lessonId"] = await db.Set<Concord.Web.Features.Lessons.Lesson>().Where(l => l.PartnershipId == partnership.Id && l.CategoryId == null && l.Author!.Email!.StartsWith("cara.whitfield")).Select(l => l.Id).FirstAsync(),
        });

        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<CompiledPageActionDescriptor>() is not null)
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").Trim('/'))
            .Distinct()
            .Where(r => !NeedOneTimeState.Contains(r) && !Downloads.Contains(r))
            .OrderBy(r => r, StringComparer.Ordinal)
            .ToList();
        Assert.True(routes.Count > 20, $"Only {routes.Count} pages found.");

        var coordinator = demo.Accounts.Single(a => a.Email.StartsWith("cara.whitfield", StringComparison.Ordinal));
        var admin = demo.Accounts.Single(a => a.NetworkRole == "NetworkAdmin");
        var problems = new StringBuilder();

        await page.SignInAsync(coordinator.Email, demo.Password, coordinator.AuthenticatorKey);
        await using var adminContext = await Fixture.Browser.NewContextAsync(new() { BaseURL = Fixture.BaseAddress.ToString(), Locale = "en-GB" });
        var adminPage = await adminContext.NewPageAsync();
        await adminPage.SignInAsync(admin.Email, demo.Password, admin.AuthenticatorKey);
        var learningTeam = demo.Accounts.Single(a => a.NetworkRole == "LearningTeam");
        await using var learningContext = await Fixture.Browser.NewContextAsync(new() { BaseURL = Fixture.BaseAddress.ToString(), Locale = "en-GB" });
        var learningPage = await learningContext.NewPageAsync();
        await learningPage.SignInAsync(learningTeam.Email, demo.Password, learningTeam.AuthenticatorKey);

        // The public library is for people without an account: swept signed out.
        await using var anonymousContext = await Fixture.Browser.NewContextAsync(new() { BaseURL = Fixture.BaseAddress.ToString(), Locale = "en-GB" });
        var anonymousPage = await anonymousContext.NewPageAsync();

        foreach (var route in routes)
        {
            var url = Fill(route, partnership.Id, organisation.Id, records, problems);
            if (url is null)
            {
                continue;
            }

            var who = route.StartsWith("/library", StringComparison.Ordinal) ? anonymousPage
                : NetworkAdminPages.Contains(route) ? adminPage : LearningTeamPages.Contains(route) ? learningPage : page;
            var response = await who.GotoAsync(url);
            if (response is null || response.Status >= 400)
            {
                problems.AppendLine($"{url} answered {response?.Status}");
                continue;
            }

            try
            {
                await AssertAccessibleAsync(who);
            }
            catch (Xunit.Sdk.XunitException ex)
            {
                problems.AppendLine(ex.Message);
            }

            // Nobody has submitted anything yet, so no page may greet them with "There is a problem".
            if (await who.Locator(".error-summary, .field-error").CountAsync() > 0)
            {
                problems.AppendLine($"{url} shows an error message on a plain visit");
            }

            await CheckNarrowScreenAsync(who, url, problems);
        }

        Assert.True(problems.Length == 0, problems.ToString());
    });

    /// <summary>
    /// At 320 CSS pixels (a small phone, or a laptop zoomed to 400 %) the page reflows: nothing makes the whole page scroll
    /// sideways (a wide table may scroll inside its own labelled box). The same page is resized, not loaded again.
    /// Set CONCORD_SWEEP_SCREENSHOTS to a folder to keep a screenshot of every page at that width.
    /// </summary>
    private static async Task CheckNarrowScreenAsync(IPage page, string url, StringBuilder problems)
    {
        var wide = page.ViewportSize ?? new PageViewportSizeResult { Width = 1280, Height = 900 };
        await page.SetViewportSizeAsync(320, 640);
        try
        {
            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
            if (widths[0] > widths[1])
            {
                var culprits = await page.EvaluateAsync<string[]>(WiderThanTheScreen);
                problems.AppendLine($"{url} scrolls sideways at 320px ({widths[0]}px wide): {string.Join(", ", culprits)}");
            }

            if (Environment.GetEnvironmentVariable("CONCORD_SWEEP_SCREENSHOTS") is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
                var name = string.Concat(new Uri(page.Url).AbsolutePath.Select(c => char.IsLetterOrDigit(c) ? c : '-')).Trim('-');
                await page.ScreenshotAsync(new() { Path = Path.Combine(folder, (name.Length == 0 ? "home" : name) + "-320.png"), FullPage = true });
            }
        }
        finally
        {
            await page.SetViewportSizeAsync(wide.Width, wide.Height);
        }
    }

    /// <summary>The innermost elements that stick out past the right edge of the screen, to say where to look.</summary>
    private const string WiderThanTheScreen = """
        () => {
          const limit = document.documentElement.clientWidth;
          const wide = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > limit + 1);
          return wide.filter(e => !wide.some(o => o !== e && e.contains(o))).slice(0, 5)
            .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : ''));
        }
        """;

    private static string? Fill(string route, Guid partnershipId, Guid organisationId, Dictionary<string, Guid> records, StringBuilder problems)
    {
        if (route == "/partnerships/{id:guid}/readiness/{partnerId:guid}")
        {
            // A person answers only for the partner they represent: the coordinator's own organisation.
            return $"/partnerships/{partnershipId}/readiness/{records["ownPartnerId"]}";
        }

        if (route == "/library/lessons/{lessonId:guid}")
        {
            return $"/library/lessons/{records["publicLessonId"]}";
        }

        if (route == "/lessons/collect/{token}")
        {
            // The demo's open event link (a public page).
            return "/lessons/collect/" + Concord.Web.Features.Lessons.LessonsDemo.OpenLinkToken;
        }

        var parts = route.Split('/');
        for (var i = 0; i < parts.Length; i++)
        {
            if (!parts[i].StartsWith('{'))
            {
                continue;
            }

            var name = parts[i].Trim('{', '}').Split(':', '?')[0];
            if (name == "slug")
            {
                parts[i] = Concord.Web.Features.Guidance.DefaultGuidance.SettingUpSlug;
                continue;
            }

            Guid? value = name switch
            {
                "id" or "partnershipId" when route.StartsWith("/partnerships/", StringComparison.Ordinal) => partnershipId,
                "id" or "organisationId" when route.StartsWith("/organisations/", StringComparison.Ordinal) => organisationId,
                "id" when route.StartsWith("/lessons/", StringComparison.Ordinal) => records["lessonId"],
                _ when records.TryGetValue(name, out var id) => id,
                _ => null,
            };
            if (value is null)
            {
                problems.AppendLine($"{route}: no demo record for '{name}' – add one to the sweep");
                return null;
            }

            parts[i] = value.Value.ToString();
        }

        return string.Join('/', parts);
    }
}
