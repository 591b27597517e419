using System.Net;
using System.Text.Json;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Accounts;
using Concord.Web.Features.Audit;
using Microsoft.Extensions.DependencyInjection;
using static Concord.Tests.Infrastructure.PageTestPeople;

namespace Concord.Tests.Audit;

/// <summary>The audit trail pages by key, newest first: every entry once, even when many share one instant, at a fixed cost.</summary>
[Collection(AppCollection.Name)]
public sealed class AuditPagingTests(AppFixture fixture)
{
    private static async Task<string> SeedAsync(ConcordFactory app, int count, DateTimeOffset at, int sameInstant)
    {
        var action = "test.keyset." + Guid.NewGuid().ToString("N")[..8];
        await app.WithDbAsync(async d =>
        {
            for (var i = 0; i < count; i++)
            {
                // The first few share one instant: the key's id keeps them apart.
                d.Add(new AuditEntry { At = i < sameInstant ? at : at.AddMinutes(i), Action = action, Details = $"entry {i}" });
            }

            await d.SaveChangesAsync();
        });
        return action;
    }

    [Theory, BothDatabases]
    public async Task The_api_pages_by_key_newest_first_and_shows_every_entry_once(Db db)
    {
        var app = await fixture.ForAsync(db);
        var admin = await ApiTestPeople.CreateAsync(app, NetworkRole.NetworkAdmin);
        var at = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var action = await SeedAsync(app, 11, at, sameInstant: 5);

        var seen = new List<string>();
        var times = new List<DateTimeOffset>();
        string? before = null;
        var pages = 0;
        do
        {
            var url = $"/api/v1/audit?action={action}&pageSize=3" + (before is null ? "" : $"&before={before}");
            var page = await JsonAsync(await admin.Api.GetAsync(url), HttpStatusCode.OK);
            foreach (var item in page.GetProperty("items").EnumerateArray())
            {
                seen.Add(item.GetProperty("details").GetString()!);
                times.Add(item.GetProperty("at").GetDateTimeOffset());
            }

            before = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
            pages++;
        }
        while (before is not null && pages < 10);

        Assert.Equal(4, pages);
        Assert.Equal(11, seen.Count);
        Assert.Equal(11, seen.Distinct().Count());
        Assert.Equal("entry 10", seen[0]);
        Assert.Equal(times.OrderByDescending(t => t).ToList(), times);

        foreach (var bad in new[] { "before=yesterday", "before=12-notanid", "pageSize=0", "pageSize=101" })
        {
            await ProblemAsync(await admin.Api.GetAsync($"/api/v1/audit?{bad}"), HttpStatusCode.BadRequest);
        }
    }

    [Theory, BothDatabases]
    public async Task The_audit_page_offers_older_entries_and_a_page_far_back_costs_the_same(Db db)
    {
        await using var app = await ConcordFactory.CreateAsync(db, services: RequestCommandLog.AddTo);
        var log = app.Services.GetRequiredService<RequestCommandLog>();
        var admin = await ApiTestPeople.CreateAsync(app, NetworkRole.NetworkAdmin);
        var action = await SeedAsync(app, 120, new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero), sameInstant: 60);
        var client = await SignInAsync(app, admin);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/audit?action={action}")).StatusCode);
        log.Take();

        var first = await client.GetAsync($"/audit?action={action}");
        var firstQueries = log.Take().Count;
        var html = await first.Content.ReadAsStringAsync();
        Assert.Contains("entry 119", html, StringComparison.Ordinal);
        var next = System.Text.RegularExpressions.Regex.Match(html, "href=\"(/audit\\?[^\"]*before=[^\"]+)\"[^>]*>Older entries").Groups[1].Value;
        Assert.NotEqual("", next);

        var second = await client.GetAsync(WebUtility.HtmlDecode(next));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var secondQueries = log.Take().Count;
        var secondHtml = await second.Content.ReadAsStringAsync();
        Assert.DoesNotContain("entry 119", secondHtml, StringComparison.Ordinal);
        Assert.Contains("Newest entries", secondHtml, StringComparison.Ordinal);
        Assert.Equal(firstQueries, secondQueries);
        Console.WriteLine($"QUERYCOUNT audit page ({db}): {secondQueries}");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/audit?before=nonsense")).StatusCode);
    }
}
