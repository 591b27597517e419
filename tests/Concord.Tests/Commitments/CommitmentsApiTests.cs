using System.Net;
using System.Net.Http.Json;
using System.Text;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Commitments;
using Concord.Web.Infrastructure.Email;
using Concord.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Concord.Tests.Commitments.CommitmentsTestKit;

namespace Concord.Tests.Commitments;

[Collection(AppCollection.Name)]
public sealed class CommitmentsApiTests(AppFixture fixture)
{
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd");

    private static DateOnly Today => London.Today(TimeProvider.System);

    [Theory, BothDatabases]
    public async Task A_commitment_is_added_listed_changed_and_a_stale_change_gets_409(Db db)
    {
        var w = await WorldAsync(await fixture.ForAsync(db));
        var created = await JsonAsync(await w.Coordinator.Api.PostAsJsonAsync($"{w.Base}/commitments", new
        {
            what = "Run six coffee mornings",
            ownerPartnerId = w.DeliveryPartnerId,
            ownerPersonId = w.PartnerLead.Id,
            dueDate = Day(Today.AddDays(30)),
            doneWhen = "Attendance sheets for six sessions",
            source = "Meeting",
        }), HttpStatusCode.Created);
        Assert.Equal("OnTrack", created.GetProperty("status").GetString());
        var id = created.GetProperty("id").GetGuid();
        var version = created.GetProperty("version").GetInt32();

        var changed = await JsonAsync(await w.PartnerLead.Api.PutAsJsonAsync($"{w.Base}/commitments/{id}", new
        {
            what = "Run eight coffee mornings",
            ownerPartnerId = w.DeliveryPartnerId,
            dueDate = Day(Today.AddDays(40)),
            version,
        }), HttpStatusCode.OK);
        Assert.Equal("Run eight coffee mornings", changed.GetProperty("what").GetString());

        var stale = await w.Coordinator.Api.PutAsJsonAsync($"{w.Base}/commitments/{id}", new
        {
            what = "Run two coffee mornings",
            ownerPartnerId = w.DeliveryPartnerId,
            dueDate = Day(Today.AddDays(40)),
            version,
        });
        await JsonAsync(stale, HttpStatusCode.Conflict);
        var now = await JsonAsync(await w.Coordinator.Api.GetAsync($"{w.Base}/commitments/{id}"), HttpStatusCode.OK);
        Assert.Equal("Run eight coffee mornings", now.GetProperty("what").GetString());

        var invalid = await JsonAsync(await w.Coordinator.Api.PostAsJsonAsync($"{w.Base}/commitments", new { what = "", ownerPartnerId = Guid.NewGuid() }), HttpStatusCode.BadRequest);
        var errors = invalid.GetProperty("errors");
        Assert.True(errors.TryGetProperty("what", out _));
        Assert.True(errors.TryGetProperty("ownerPartnerId", out _));
        Assert.True(errors.TryGetProperty("dueDate", out _));

        await JsonAsync(await w.Observer.Api.PostAsJsonAsync($"{w.Base}/commitments", new { what = "x", ownerPartnerId = w.DeliveryPartnerId, dueDate = Day(Today) }), HttpStatusCode.Forbidden);
        var outsider = await ApiTestPeople.CreateAsync(w.App);
        await JsonAsync(await outsider.Api.GetAsync($"{w.Base}/commitments/{id}"), HttpStatusCode.NotFound);
        await JsonAsync(await outsider.Api.GetAsync($"{w.Base}/commitments"), HttpStatusCode.NotFound);
    }

    [Theory, BothDatabases]
    public async Task Status_updates_are_dated_with_notes_and_done_counts_for_on_time_delivery_per_partner(Db db)
    {
        var w = await WorldAsync(await fixture.ForAsync(db));
        async Task<Guid> AddAsync(Guid partner, DateOnly due, string what = "Something")
        {
            var c = await JsonAsync(await w.Coordinator.Api.PostAsJsonAsync($"{w.Base}/commitments", new { what, ownerPartnerId = partner, dueDate = Day(due) }), HttpStatusCode.Created);
            return c.GetProperty("id").GetGuid();
        }

        async Task<HttpResponseMessage> ReportAsync(Guid id, string status, DateOnly date, string? note = null)
        {
            var version = (await JsonAsync(await w.PartnerLead.Api.GetAsync($"{w.Base}/commitments/{id}"), HttpStatusCode.OK)).GetProperty("version").GetInt32();
            return await w.PartnerLead.Api.PostAsJsonAsync($"{w.Base}/commitments/{id}/updates", new { status, date = Day(date), note, version });
        }

        var onTime = await AddAsync(w.DeliveryPartnerId, Today.AddDays(-5));
        var doneLate = await AddAsync(w.DeliveryPartnerId, Today.AddDays(-10));
        var lateOpen = await AddAsync(w.DeliveryPartnerId, Today.AddDays(-1), "Forgotten");
        _ = await AddAsync(w.DeliveryPartnerId, Today.AddDays(10));
        await JsonAsync(await ReportAsync(onTime, "Done", Today.AddDays(-6), "Delivered early"), HttpStatusCode.Created);
        await JsonAsync(await ReportAsync(doneLate, "AtRisk", Today.AddDays(-12), "Short of volunteers"), HttpStatusCode.Created);
        await JsonAsync(await ReportAsync(doneLate, "Done", Today.AddDays(-2), "Finally done"), HttpStatusCode.Created);

        // A report must say which version of the commitment it was made against; a stale one is refused with the saved commitment.
        var noVersion = await JsonAsync(await w.PartnerLead.Api.PostAsJsonAsync($"{w.Base}/commitments/{lateOpen}/updates", new { status = "AtRisk", date = Day(Today) }), HttpStatusCode.BadRequest);
        Assert.True(noVersion.GetProperty("errors").TryGetProperty("version", out _));
        var stale = await JsonAsync(await w.PartnerLead.Api.PostAsJsonAsync($"{w.Base}/commitments/{doneLate}/updates", new { status = "AtRisk", date = Day(Today), version = 0 }), HttpStatusCode.Conflict);
        Assert.Equal("Done", stale.GetProperty("current").GetProperty("reportedStatus").GetString());

        var updates = await JsonAsync(await w.Coordinator.Api.GetAsync($"{w.Base}/commitments/{doneLate}/updates"), HttpStatusCode.OK);
        Assert.Equal(["Done", "AtRisk"], updates.EnumerateArray().Select(u => u.GetProperty("status").GetString()!).ToArray());
        Assert.Equal("Finally done", updates[0].GetProperty("note").GetString());

        var future = await JsonAsync(await ReportAsync(lateOpen, "Done", Today.AddDays(3)), HttpStatusCode.BadRequest);
        Assert.True(future.GetProperty("errors").TryGetProperty("date", out _));

        var late = await JsonAsync(await w.Coordinator.Api.GetAsync($"{w.Base}/commitments?status=Late"), HttpStatusCode.OK);
        Assert.Equal("Forgotten", Assert.Single(late.GetProperty("items").EnumerateArray()).GetProperty("what").GetString());
        Assert.Equal(1, late.GetProperty("total").GetInt32());

        var delivery = await JsonAsync(await w.Coordinator.Api.GetAsync($"{w.Base}/commitments/on-time"), HttpStatusCode.OK);
        var partner = delivery.EnumerateArray().Single(d => d.GetProperty("partnerId").GetGuid() == w.DeliveryPartnerId);
        Assert.Equal(3, partner.GetProperty("counted").GetInt32());
        Assert.Equal(1, partner.GetProperty("onTime").GetInt32());
        var lead = delivery.EnumerateArray().Single(d => d.GetProperty("partnerId").GetGuid() == w.LeadPartnerId);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, lead.GetProperty("percent").ValueKind);
    }

    [Theory, BothDatabases]
    public async Task My_commitments_and_my_organisations_commitments_span_my_partnerships(Db db)
    {
        var w = await WorldAsync(await fixture.ForAsync(db));
        await JsonAsync(await w.Coordinator.Api.PostAsJsonAsync($"{w.Base}/commitments", new { what = "Named to me", ownerPartnerId = w.DeliveryPartnerId, ownerPersonId = w.PartnerLead.Id, dueDate = Day(Today) }), HttpStatusCode.Created);
        await JsonAsync(await w.Coordinator.Api.PostAsJsonAsync($"{w.Base}/commitments", new { what = "My organisation's", ownerPartnerId = w.DeliveryPartnerId, dueDate = Day(Today) }), HttpStatusCode.Created);
        await JsonAsync(await w.Coordinator.Api.PostAsJsonAsync($"{w.Base}/commitments", new { what = "The lead's", ownerPartnerId = w.LeadPartnerId, dueDate = Day(Today) }), HttpStatusCode.Created);

        var mine = await JsonAsync(await w.PartnerLead.Api.GetAsync("/api/v1/me/commitments"), HttpStatusCode.OK);
        Assert.Equal(["Named to me"], mine.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("what").GetString()!).ToArray());
        var organisation = await JsonAsync(await w.PartnerLead.Api.GetAsync("/api/v1/me/commitments?scope=organisation"), HttpStatusCode.OK);
        Assert.Equal(["My organisation's", "Named to me"], organisation.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("what").GetString()!).Order().ToArray());
        await JsonAsync(await w.PartnerLead.Api.GetAsync("/api/v1/me/commitments?scope=everyone"), HttpStatusCode.BadRequest);
    }

    [Theory, BothDatabases]
    public async Task Csv_export_opens_in_excel_and_neutralises_formulas_and_json_export_lists_the_same(Db db)
    {
        var w = await WorldAsync(await fixture.ForAsync(db));
        await JsonAsync(await w.Coordinator.Api.PostAsJsonAsync($"{w.Base}/commitments", new { what = "=cmd|' /C calc'!A0", ownerPartnerId = w.DeliveryPartnerId, dueDate = Day(Today) }), HttpStatusCode.Created);
        var response = await w.Coordinator.Api.GetAsync($"{w.Base}/commitments/export.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("What,Owner organisation", text, StringComparison.Ordinal);
        Assert.Contains("'=cmd", text, StringComparison.Ordinal);
        Assert.DoesNotContain(",=cmd", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n=cmd", text, StringComparison.Ordinal);

        var json = await JsonAsync(await w.Coordinator.Api.GetAsync($"{w.Base}/commitments/export.json"), HttpStatusCode.OK);
        Assert.Equal("=cmd|' /C calc'!A0", Assert.Single(json.EnumerateArray()).GetProperty("what").GetString());
    }

    [Theory, BothDatabases]
    public async Task A_commitment_past_its_due_date_shows_late_without_anyone_saying_so(Db db)
    {
        var time = new MovableTime(DateTimeOffset.UtcNow);
        await using var app = await ConcordFactory.CreateAsync(db, services: s => s.AddSingleton<TimeProvider>(time));
        var w = await WorldAsync(app);
        var today = London.Today(time);
        var c = await JsonAsync(await w.Coordinator.Api.PostAsJsonAsync($"{w.Base}/commitments", new { what = "Recruit volunteers", ownerPartnerId = w.DeliveryPartnerId, dueDate = Day(today.AddDays(1)) }), HttpStatusCode.Created);
        var id = c.GetProperty("id").GetGuid();
        Assert.Equal("OnTrack", c.GetProperty("status").GetString());

        time.Advance(TimeSpan.FromDays(1));
        // Session tokens last hours, not days: sign in again on the later day.
        var api = await app.ApiAsync(w.Coordinator.Account);
        var dueToday = await JsonAsync(await api.GetAsync($"{w.Base}/commitments/{id}"), HttpStatusCode.OK);
        Assert.Equal("OnTrack", dueToday.GetProperty("status").GetString());
        Assert.Equal("due today", dueToday.GetProperty("dueHint").GetString());

        time.Advance(TimeSpan.FromDays(1));
        api = await app.ApiAsync(w.Coordinator.Account);
        var late = await JsonAsync(await api.GetAsync($"{w.Base}/commitments/{id}"), HttpStatusCode.OK);
        Assert.Equal("Late", late.GetProperty("status").GetString());
        Assert.Equal("OnTrack", late.GetProperty("reportedStatus").GetString());
        Assert.Equal("1 day late", late.GetProperty("dueHint").GetString());
    }

    [Theory, BothDatabases]
    public async Task The_daily_digest_goes_once_a_day_to_each_owner_person_or_the_partners_lead_contact(Db db)
    {
        var time = new MovableTime(DateTimeOffset.UtcNow);
        await using var app = await ConcordFactory.CreateAsync(db, services: s => s.AddSingleton<TimeProvider>(time));
        var w = await WorldAsync(app);
        var today = London.Today(time);
        async Task AddAsync(string what, Guid partner, Guid? person, DateOnly due) =>
            await JsonAsync(await w.Coordinator.Api.PostAsJsonAsync($"{w.Base}/commitments", new { what, ownerPartnerId = partner, ownerPersonId = person, dueDate = Day(due) }), HttpStatusCode.Created);
        await AddAsync("Late and named", w.DeliveryPartnerId, w.PartnerLead.Id, today.AddDays(-3));
        await AddAsync("Due soon, no person", w.DeliveryPartnerId, null, today.AddDays(2));
        await AddAsync("Due soon for the lead", w.LeadPartnerId, w.Coordinator.Id, today.AddDays(7));
        await AddAsync("Far off", w.LeadPartnerId, w.Coordinator.Id, today.AddDays(30));

        var digest = app.Services.GetRequiredService<CommitmentDigest>();
        var first = await digest.RunAsync(time);
        var again = await digest.RunAsync(time);
        Assert.True(first.Sent);
        Assert.Equal(2, first.Messages);
        Assert.False(again.Sent);

        var messages = await app.WithDbAsync(d => d.Set<OutboxMessage>().Where(m => m.Subject.Contains("late or due soon")).ToListAsync());
        Assert.Equal(2, messages.Count);
        var toLead = messages.Single(m => m.To == w.PartnerLead.Email);
        Assert.Contains("Late and named", toLead.TextBody, StringComparison.Ordinal);
        Assert.Contains("Due soon, no person", toLead.TextBody, StringComparison.Ordinal);
        Assert.Contains("3 days late", toLead.TextBody, StringComparison.Ordinal);
        var toCoordinator = messages.Single(m => m.To == w.Coordinator.Email);
        Assert.Contains("Due soon for the lead", toCoordinator.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Far off", toCoordinator.TextBody, StringComparison.Ordinal);

        // Several processes at once: only one of them records the day.
        time.Advance(TimeSpan.FromDays(1));
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => digest.RunAsync(time)));
        Assert.Single(runs, r => r.Sent);
        Assert.Equal(4, await app.WithDbAsync(d => d.Set<OutboxMessage>().CountAsync(m => m.Subject.Contains("late or due soon"))));
    }
}
