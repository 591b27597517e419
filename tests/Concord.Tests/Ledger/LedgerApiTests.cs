using System.Net;
using System.Net.Http.Json;
using System.Text;
using Concord.Tests.Commitments;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Ledger;
using Concord.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;
using static Concord.Tests.Commitments.CommitmentsTestKit;

namespace Concord.Tests.Ledger;

[Collection(AppCollection.Name)]
public sealed class LedgerApiTests(AppFixture fixture)
{
    private static DateOnly Today => London.Today(TimeProvider.System);

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd");

    private static async Task<Guid> RecordAsync(CommitmentsWorld w, string summary, Guid[]? partners = null, object[]? promises = null, Guid? corrects = null, DateOnly? date = null)
    {
        var entry = await JsonAsync(await w.Coordinator.Api.PostAsJsonAsync($"{w.Base}/ledger", new
        {
            kind = "Meeting",
            date = Day(date ?? Today),
            summary,
            partnerIds = partners ?? [w.DeliveryPartnerId],
            people = new[] { "Cora Ordinate", "Dev Liverer" },
            promises = promises ?? [],
            correctsEntryId = corrects,
        }), HttpStatusCode.Created);
        return entry.GetProperty("id").GetGuid();
    }

    [Theory, BothDatabases]
    public async Task A_promise_in_an_entry_becomes_a_commitment_linked_back_to_it(Db db)
    {
        var w = await WorldAsync(await fixture.ForAsync(db));
        var id = await RecordAsync(w, "Steering group: agreed the spring programme", promises:
        [
            new { what = "Book the hall for March", ownerPartnerId = w.DeliveryPartnerId, ownerPersonId = w.PartnerLead.Id, dueDate = Day(Today.AddDays(14)), doneWhen = "Booking confirmed" },
        ]);
        var entry = await JsonAsync(await w.Coordinator.Api.GetAsync($"{w.Base}/ledger/{id}"), HttpStatusCode.OK);
        var commitmentId = Assert.Single(entry.GetProperty("commitmentIds").EnumerateArray()).GetGuid();
        Assert.Equal("Book the hall for March", Assert.Single(entry.GetProperty("promises").EnumerateArray()).GetString());
        var commitment = await JsonAsync(await w.Coordinator.Api.GetAsync($"{w.Base}/commitments/{commitmentId}"), HttpStatusCode.OK);
        Assert.Equal("LedgerEntry", commitment.GetProperty("source").GetString());
        Assert.Equal(id, commitment.GetProperty("sourceLedgerEntryId").GetGuid());
        Assert.Equal(w.PartnerLead.Id, commitment.GetProperty("ownerPersonId").GetGuid());

        // A promise with a problem stops the whole entry: nothing half-saved.
        var before = (await JsonAsync(await w.Coordinator.Api.GetAsync($"{w.Base}/ledger"), HttpStatusCode.OK)).GetProperty("items");
        var bad = await JsonAsync(await w.Coordinator.Api.PostAsJsonAsync($"{w.Base}/ledger", new
        {
            kind = "Call",
            date = Day(Today),
            summary = "Phone call",
            promises = new[] { new { what = "Something", ownerPartnerId = w.DeliveryPartnerId } },
        }), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("promises[0].dueDate", out _), bad.ToString());
        var after = (await JsonAsync(await w.Coordinator.Api.GetAsync($"{w.Base}/ledger"), HttpStatusCode.OK)).GetProperty("items");
        Assert.Equal(before.GetArrayLength(), after.GetArrayLength());
        await JsonAsync(await w.Observer.Api.PostAsJsonAsync($"{w.Base}/ledger", new { kind = "Call", date = Day(Today), summary = "x" }), HttpStatusCode.Forbidden);
    }

    [Theory, BothDatabases]
    public async Task A_correction_is_a_new_entry_and_the_corrected_one_is_shown_as_corrected(Db db)
    {
        var w = await WorldAsync(await fixture.ForAsync(db));
        var wrong = await RecordAsync(w, "Agreed to meet on the 5th");
        var fix = await RecordAsync(w, "Correction: we agreed the 15th, not the 5th", corrects: wrong);
        var entries = await JsonAsync(await w.Coordinator.Api.GetAsync($"{w.Base}/ledger"), HttpStatusCode.OK);
        var list = entries.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([2L, 1L], list.Select(e => e.GetProperty("sequence").GetInt64()).ToArray());
        var corrected = list.Single(e => e.GetProperty("id").GetGuid() == wrong);
        Assert.True(corrected.GetProperty("corrected").GetBoolean());
        Assert.Equal("Agreed to meet on the 5th", corrected.GetProperty("summary").GetString());
        Assert.Equal(fix, list.Single(e => e.GetProperty("sequence").GetInt64() == 2).GetProperty("id").GetGuid());

        var verify = await JsonAsync(await w.Coordinator.Api.GetAsync($"{w.Base}/ledger/verify"), HttpStatusCode.OK);
        Assert.True(verify.GetProperty("intact").GetBoolean());
        Assert.Equal(2, verify.GetProperty("entriesChecked").GetInt32());

        var csv = await w.Coordinator.Api.GetByteArrayAsync($"{w.Base}/ledger/export.csv");
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csv[..3]);
        Assert.Contains("Correction: we agreed the 15th", Encoding.UTF8.GetString(csv), StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task Ledger_rows_cannot_be_changed_or_deleted_by_the_app_or_by_sql(Db db)
    {
        var app = await fixture.ForAsync(db);
        var w = await WorldAsync(app);
        var id = await RecordAsync(w, "Something that happened");
        await app.WithDbAsync(async d =>
        {
            var entry = await d.Set<LedgerEntry>().FirstAsync(e => e.Id == id);
            d.Entry(entry).Property(e => e.Summary).CurrentValue = "Something else";
            await Assert.ThrowsAsync<InvalidOperationException>(() => d.SaveChangesAsync());
            d.ChangeTracker.Clear();
            d.Remove(entry);
            await Assert.ThrowsAsync<InvalidOperationException>(() => d.SaveChangesAsync());
        });
        await app.WithDbAsync(async d =>
        {
            await Assert.ThrowsAnyAsync<Exception>(() => d.Database.ExecuteSqlAsync($"UPDATE ledger_entries SET \"Summary\" = 'Rewritten' WHERE \"Id\" = {id}"));
            await Assert.ThrowsAnyAsync<Exception>(() => d.Database.ExecuteSqlAsync($"DELETE FROM ledger_entries WHERE \"Id\" = {id}"));
        });
        var entry = await JsonAsync(await w.Coordinator.Api.GetAsync($"{w.Base}/ledger/{id}"), HttpStatusCode.OK);
        Assert.Equal("Something that happened", entry.GetProperty("summary").GetString());
    }

    [Theory, BothDatabases]
    public async Task Concurrent_appends_each_get_their_own_place_in_the_chain(Db db)
    {
        var w = await WorldAsync(await fixture.ForAsync(db));
        var responses = await Task.WhenAll(Enumerable.Range(1, 6).Select(i => w.Coordinator.Api.PostAsJsonAsync($"{w.Base}/ledger", new
        {
            kind = "Email",
            date = Day(Today),
            summary = $"E-mail {i}",
            partnerIds = new[] { w.DeliveryPartnerId },
        })));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var entries = await JsonAsync(await w.Coordinator.Api.GetAsync($"{w.Base}/ledger"), HttpStatusCode.OK);
        Assert.Equal([6L, 5L, 4L, 3L, 2L, 1L], entries.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()).ToArray());
        var verify = await JsonAsync(await w.Coordinator.Api.GetAsync($"{w.Base}/ledger/verify"), HttpStatusCode.OK);
        Assert.True(verify.GetProperty("intact").GetBoolean(), verify.ToString());
    }

    [Theory, BothDatabases]
    public async Task Verify_finds_the_entry_an_attacker_changed_directly_in_the_database(Db db)
    {
        await using var app = await ConcordFactory.CreateAsync(db);
        var w = await WorldAsync(app);
        await RecordAsync(w, "First meeting");
        var target = await RecordAsync(w, "We agreed a budget of £2,000");
        await RecordAsync(w, "Third meeting");
        var clean = await JsonAsync(await w.Coordinator.Api.GetAsync($"{w.Base}/ledger/verify"), HttpStatusCode.OK);
        Assert.True(clean.GetProperty("intact").GetBoolean());
        Assert.Equal(0, await app.WithDbAsync(d => LedgerVerifyCommand.RunAsync(d, [w.PartnershipId.ToString()], new StringWriter())));

        // An attacker with database access gets past the trigger and rewrites one entry.
        await app.WithDbAsync(async d =>
        {
            if (app.Provider == Db.Postgres)
            {
                await d.Database.ExecuteSqlRawAsync("ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_no_change");
            }
            else
            {
                await d.Database.ExecuteSqlRawAsync("DROP TRIGGER ledger_entries_no_update");
            }

            await d.Database.ExecuteSqlAsync($"UPDATE ledger_entries SET \"Summary\" = 'We agreed a budget of £20,000' WHERE \"Id\" = {target}");
        });

        var broken = await JsonAsync(await w.Coordinator.Api.GetAsync($"{w.Base}/ledger/verify"), HttpStatusCode.OK);
        Assert.False(broken.GetProperty("intact").GetBoolean());
        Assert.Equal(2, broken.GetProperty("firstBadSequence").GetInt64());
        Assert.Equal(target, broken.GetProperty("firstBadEntryId").GetGuid());
        Assert.Equal("ContentChanged", broken.GetProperty("problem").GetString());

        var output = new StringWriter();
        Assert.Equal(1, await app.WithDbAsync(d => LedgerVerifyCommand.RunAsync(d, [], output)));
        Assert.Contains("BROKEN", output.ToString(), StringComparison.Ordinal);
        Assert.Contains(target.ToString(), output.ToString(), StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task A_partner_not_heard_from_for_longer_than_agreed_is_reported_quiet(Db db)
    {
        var w = await WorldAsync(await fixture.ForAsync(db));
        var method = await JsonAsync(await w.Coordinator.Api.PostAsJsonAsync($"{w.Base}/contact-methods", new
        {
            partnerId = w.DeliveryPartnerId,
            channel = "Phone call",
            frequency = "Weekly",
            contacts = "Dev Liverer",
        }), HttpStatusCode.Created);
        Assert.Equal("weekly", method.GetProperty("howOften").GetString());
        await JsonAsync(await w.PartnerLead.Api.PostAsJsonAsync($"{w.Base}/contact-methods", new { partnerId = w.DeliveryPartnerId, channel = "x", frequency = "Weekly" }), HttpStatusCode.Forbidden);
        await JsonAsync(await w.Coordinator.Api.PostAsJsonAsync($"{w.Base}/contact-methods", new { partnerId = w.DeliveryPartnerId, channel = "x", frequency = "EveryNDays" }), HttpStatusCode.BadRequest);

        // Joined on 1 January 2026, never contacted: quiet.
        var quiet = await JsonAsync(await w.Coordinator.Api.GetAsync($"{w.Base}/contact-methods/quiet"), HttpStatusCode.OK);
        Assert.Equal(w.DeliveryPartnerId, Assert.Single(quiet.EnumerateArray()).GetProperty("partnerId").GetGuid());

        await RecordAsync(w, "Weekly call", date: Today.AddDays(-2));
        quiet = await JsonAsync(await w.Coordinator.Api.GetAsync($"{w.Base}/contact-methods/quiet"), HttpStatusCode.OK);
        Assert.Empty(quiet.EnumerateArray());
    }
}
