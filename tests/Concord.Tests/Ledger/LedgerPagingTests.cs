using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Concord.Tests.Commitments;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Ledger;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Concord.Tests.Commitments.CommitmentsTestKit;
using static Concord.Tests.Infrastructure.PageTestPeople;

namespace Concord.Tests.Ledger;

/// <summary>
/// The ledger a page at a time: newest first by the date it happened (then by number), by key, so no entry is skipped or
/// shown twice however the dates fall; a partner filter through the entries' partner rows; and a page whose query count
/// does not grow with the ledger.
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class LedgerPagingTests(AppFixture fixture)
{
    private static DateOnly Today => London.Today(TimeProvider.System);

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd");

    /// <summary>Seals <paramref name="count"/> entries after the ledger's latest (straight into the database, as appends would),
    /// with dates that repeat, alternately involving the delivery partner alone and both partners.</summary>
    private static Task SeedAsync(CommitmentsWorld w, int count) => w.App.WithDbAsync(async db =>
    {
        var last = await db.Set<LedgerEntry>().Where(e => e.PartnershipId == w.PartnershipId).OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync();
        var sequence = last?.Sequence ?? 0;
        var hash = last?.Hash ?? LedgerChain.GenesisHash;
        for (var i = 0; i < count; i++)
        {
            sequence++;
            var partners = sequence % 2 == 0 ? new[] { w.DeliveryPartnerId } : new[] { w.DeliveryPartnerId, w.LeadPartnerId };
            var entry = LedgerEntry.Seal(w.PartnershipId, sequence, LedgerEntryKind.Call, Today.AddDays(-(int)(sequence * 7 % 5)), $"Seeded call {sequence}",
                partners, ["Dev Liverer"], [], null, w.Coordinator.Id, DateTimeOffset.UtcNow, hash);
            hash = entry.Hash;
            db.Add(entry);
        }

        await db.SaveChangesAsync();
    });

    private static async Task<List<(long Sequence, DateOnly Date)>> AllPagesAsync(CommitmentsWorld w, int pageSize, string filter = "")
    {
        var seen = new List<(long, DateOnly)>();
        long? before = null;
        for (var pages = 0; pages < 100; pages++)
        {
            var page = await JsonAsync(await w.Coordinator.Api.GetAsync($"{w.Base}/ledger?pageSize={pageSize}{filter}{(before is { } b ? $"&before={b}" : "")}"), HttpStatusCode.OK);
            var items = page.GetProperty("items").EnumerateArray().ToList();
            Assert.True(items.Count <= pageSize);
            seen.AddRange(items.Select(e => (e.GetProperty("sequence").GetInt64(), DateOnly.Parse(e.GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture))));
            if (page.GetProperty("next").ValueKind == System.Text.Json.JsonValueKind.Null)
            {
                return seen;
            }

            before = page.GetProperty("next").GetInt64();
            Assert.Equal(before, items[^1].GetProperty("sequence").GetInt64());
        }

        throw new InvalidOperationException("The ledger never ended.");
    }

    [Theory, BothDatabases]
    public async Task Pages_by_key_show_every_entry_once_newest_first_even_when_dates_repeat(Db db)
    {
        var w = await WorldAsync(await fixture.ForAsync(db));
        await SeedAsync(w, 13);
        var expected = Enumerable.Range(1, 13).Select(s => ((long)s, Today.AddDays(-(s * 7 % 5))))
            .OrderByDescending(e => e.Item2).ThenByDescending(e => e.Item1).ToList();
        Assert.True(expected.GroupBy(e => e.Item2).Any(g => g.Count() > 2), "The seeded dates should repeat.");

        foreach (var size in new[] { 1, 2, 5, 13, 50 })
        {
            Assert.Equal(expected, await AllPagesAsync(w, size));
        }

        // Filtered to the lead partner (the odd entries): through the entries' partner rows, paged the same way.
        var lead = expected.Where(e => e.Item1 % 2 == 1).ToList();
        Assert.Equal(lead, await AllPagesAsync(w, 2, $"&partnerId={w.LeadPartnerId}"));
        Assert.Equal(expected, await AllPagesAsync(w, 4, $"&partnerId={w.DeliveryPartnerId}"));

        // Bad paging is a 400 with the field, not a quiet guess.
        var problem = await ProblemAsync(await w.Coordinator.Api.GetAsync($"{w.Base}/ledger?pageSize=0"), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("pageSize", out _), problem.ToString());
        problem = await ProblemAsync(await w.Coordinator.Api.GetAsync($"{w.Base}/ledger?before=9999"), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("before", out _), problem.ToString());
        problem = await ProblemAsync(await w.Coordinator.Api.GetAsync($"{w.Base}/ledger?partnerId={Guid.NewGuid()}"), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("partnerId", out _), problem.ToString());
    }

    [Theory, BothDatabases]
    public async Task The_ledger_page_shows_a_page_with_older_and_newest_links_that_keep_the_partner_filter(Db db)
    {
        var w = await WorldAsync(await fixture.ForAsync(db));
        await SeedAsync(w, 60);
        var client = await SignInAsync(w.App, w.Observer);
        var p = $"/partnerships/{w.PartnershipId}/ledger";
        var first = await client.GetStringAsync(p);
        Assert.Equal(50, EntryHeading().Matches(first).Count);
        Assert.DoesNotContain("Newest entries", first, StringComparison.Ordinal);
        var older = OlderLink().Match(first);
        Assert.True(older.Success, "No link to older entries.");
        var second = await client.GetStringAsync(WebUtility.HtmlDecode(older.Groups[1].Value));
        Assert.Equal(10, EntryHeading().Matches(second).Count);
        Assert.Contains("Newest entries", second, StringComparison.Ordinal);
        Assert.DoesNotMatch(OlderLink(), second);
        var shown = EntryHeading().Matches(first).Concat(EntryHeading().Matches(second)).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(60, shown.Distinct().Count());
        // Observers read the ledger but are not offered recording or correcting.
        Assert.DoesNotContain("Record a communication", first, StringComparison.Ordinal);

        var filtered = await client.GetStringAsync($"{p}?partner={w.LeadPartnerId}");
        Assert.Equal(30, EntryHeading().Matches(filtered).Count);
        Assert.DoesNotMatch(OlderLink(), filtered);
        var filteredSmall = await client.GetStringAsync($"{p}?partner={w.LeadPartnerId}&pageSize=20");
        var filteredOlder = OlderLink().Match(filteredSmall);
        Assert.Contains($"partner={w.LeadPartnerId}", WebUtility.HtmlDecode(filteredOlder.Groups[1].Value), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"{p}?before=0")).StatusCode);
    }

    [Theory, BothDatabases]
    public async Task The_ledger_page_runs_the_same_queries_for_5_entries_as_for_200(Db db)
    {
        await using var app = await ConcordFactory.CreateAsync(db, services: RequestCommandLog.AddTo);
        var log = app.Services.GetRequiredService<RequestCommandLog>();
        var w = await WorldAsync(app);
        var client = await SignInAsync(app, w.Coordinator);
        var p = $"/partnerships/{w.PartnershipId}/ledger";

        async Task<int> QueriesAsync(string url)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
            log.Take();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
            return log.Take().Count;
        }

        await SeedAsync(w, 5);
        var small = (await QueriesAsync(p), await QueriesAsync($"{p}?partner={w.LeadPartnerId}"), await QueriesAsync($"{p}?before=3"));
        await SeedAsync(w, 195);
        var large = (await QueriesAsync(p), await QueriesAsync($"{p}?partner={w.LeadPartnerId}"), await QueriesAsync($"{p}?before=150"));
        Assert.Equal(small, large);
        Assert.True(large.Item1 <= 4, $"The ledger page ran {large.Item1} queries.");
    }

    [Theory, BothDatabases]
    public async Task Exports_stream_every_entry_in_the_order_recorded(Db db)
    {
        var w = await WorldAsync(await fixture.ForAsync(db));
        await SeedAsync(w, 120);
        var csv = await w.Coordinator.Api.GetStringAsync($"{w.Base}/ledger/export.csv");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(121, lines.Length);
        Assert.StartsWith("1,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("120,", lines[^1], StringComparison.Ordinal);
        var json = await JsonAsync(await w.Coordinator.Api.GetAsync($"{w.Base}/ledger/export.json"), HttpStatusCode.OK);
        Assert.Equal(Enumerable.Range(1, 120).Select(i => (long)i), json.EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()));
    }

    [Theory, BothDatabases]
    public async Task Volunteers_and_observers_read_the_ledger_but_may_not_record_in_it(Db db)
    {
        var w = await WorldAsync(await fixture.ForAsync(db));
        var volunteer = await ApiTestPeople.CreateAsync(w.App, name: "Val Unteer");
        await w.App.WithDbAsync(async d =>
        {
            d.Add(new PartnershipMembership { PartnershipId = w.PartnershipId, AccountId = volunteer.Id, Role = PartnershipRole.Volunteer, OrganisationId = w.DeliveryOrganisationId, CreatedAt = DateTimeOffset.UtcNow });
            await d.SaveChangesAsync();
        });
        var entry = new { kind = "Call", date = Day(Today), summary = "A call", partnerIds = new[] { w.DeliveryPartnerId } };
        var refused = await ProblemAsync(await volunteer.Api.PostAsJsonAsync($"{w.Base}/ledger", entry), HttpStatusCode.Forbidden);
        Assert.Contains("coordinators, partner leads and staff", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAsync(await w.Observer.Api.PostAsJsonAsync($"{w.Base}/ledger", entry), HttpStatusCode.Forbidden);
        await JsonAsync(await volunteer.Api.GetAsync($"{w.Base}/ledger"), HttpStatusCode.OK);
        await JsonAsync(await w.PartnerLead.Api.PostAsJsonAsync($"{w.Base}/ledger", entry), HttpStatusCode.Created);

        var browser = await SignInAsync(w.App, volunteer);
        AssertForbidden(await browser.GetAsync($"/partnerships/{w.PartnershipId}/ledger/new"));
        var ledger = await browser.GetStringAsync($"/partnerships/{w.PartnershipId}/ledger");
        Assert.Contains("A call", ledger, StringComparison.Ordinal);
        Assert.DoesNotContain("Record a communication", ledger, StringComparison.Ordinal);
        Assert.DoesNotContain("Correct entry", ledger, StringComparison.Ordinal);
        Assert.Equal(1, await w.App.WithDbAsync(d => d.Set<LedgerEntry>().CountAsync(e => e.PartnershipId == w.PartnershipId)));
    }

    [Theory, BothDatabases]
    public async Task A_ledger_entry_must_have_happened_between_2000_and_today(Db db)
    {
        var w = await WorldAsync(await fixture.ForAsync(db));
        foreach (var (date, message) in new[] { ("1900-01-01", "must be in 2000 or later"), (Day(Today.AddDays(1)), "cannot be in the future"), ("9999-12-31", "cannot be in the future") })
        {
            var problem = await ProblemAsync(await w.Coordinator.Api.PostAsJsonAsync($"{w.Base}/ledger", new { kind = "Call", date, summary = "A call" }), HttpStatusCode.BadRequest);
            Assert.Contains(message, problem.GetProperty("errors").GetProperty("date")[0].GetString(), StringComparison.Ordinal);
        }

        var client = await SignInAsync(w.App, w.Coordinator);
        var form = $"/partnerships/{w.PartnershipId}/ledger/new";
        var response = await PostFormAsync(client, form, await AntiforgeryTokenAsync(client, form), ("Input.Kind", "Call"), ("Input.Date", "1900-01-01"), ("Input.Summary", "A call"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The date it happened must be in 2000 or later", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await w.App.WithDbAsync(d => d.Set<LedgerEntry>().CountAsync(e => e.PartnershipId == w.PartnershipId)));
    }

    [GeneratedRegex("<h3 id=\"entry-([0-9a-f-]+)-title\">")]
    private static partial Regex EntryHeading();

    [GeneratedRegex("<a href=\"([^\"]+)\" rel=\"next\">Older entries</a>")]
    private static partial Regex OlderLink();
}
