using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Concord.Tests.Commitments;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Commitments;
using Concord.Web.Features.Ledger;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Hooks;
using Concord.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Concord.Tests.Commitments.CommitmentsTestKit;

namespace Concord.Tests.Ledger;

/// <summary>The ledger's and commitments' parts of the hand-over export and of the subject access export: found by the app,
/// holding only the partnership's (or the person's) rows.</summary>
[Collection(AppCollection.Name)]
public sealed class LedgerDataPartsTests(AppFixture fixture)
{
    private static string Today => London.Today(TimeProvider.System).ToString("yyyy-MM-dd");

    private static async Task<(string Csv, JsonElement Json)> WriteAsync(ExportTable table)
    {
        using var csv = new MemoryStream();
        await table.WriteCsvAsync(csv, CancellationToken.None);
        using var json = new MemoryStream();
        var pipe = PipeWriter.Create(json);
        await using (var writer = new Utf8JsonWriter(pipe))
        {
            writer.WriteStartObject();
            await table.WriteJsonAsync(writer, pipe, new JsonSerializerOptions(JsonSerializerDefaults.Web), CancellationToken.None);
            writer.WriteEndObject();
        }

        await pipe.FlushAsync();
        return (Encoding.UTF8.GetString(csv.ToArray()), JsonDocument.Parse(json.ToArray()).RootElement.GetProperty(table.Name).Clone());
    }

    private static async Task RecordAsync(CommitmentsWorld w, string summary, Guid? corrects = null, object[]? promises = null) =>
        await JsonAsync(await w.Coordinator.Api.PostAsJsonAsync($"{w.Base}/ledger", new
        {
            kind = "Meeting",
            date = Today,
            summary,
            partnerIds = new[] { w.DeliveryPartnerId },
            correctsEntryId = corrects,
            promises = promises ?? [],
        }), HttpStatusCode.Created);

    [Theory, BothDatabases]
    public async Task The_exports_hold_the_partnerships_entries_contact_and_commitments_and_the_persons_own(Db db)
    {
        var app = await fixture.ForAsync(db);
        var w = await WorldAsync(app);
        var other = await WorldAsync(app);
        await RecordAsync(other, "Another partnership's meeting");
        var first = await JsonAsync(await w.Coordinator.Api.PostAsJsonAsync($"{w.Base}/ledger", new
        {
            kind = "Meeting",
            date = Today,
            summary = "Planning meeting",
            partnerIds = new[] { w.DeliveryPartnerId },
            promises = new[] { new { what = "Print the posters", ownerPartnerId = w.DeliveryPartnerId, ownerPersonId = w.PartnerLead.Id, dueDate = London.Today(TimeProvider.System).AddDays(7).ToString("yyyy-MM-dd") } },
        }), HttpStatusCode.Created);
        await RecordAsync(w, "Correction: it was a planning call", first.GetProperty("id").GetGuid());
        await JsonAsync(await w.Coordinator.Api.PostAsJsonAsync($"{w.Base}/contact-methods", new { partnerId = w.DeliveryPartnerId, channel = "Monthly meeting", frequency = "Monthly" }), HttpStatusCode.Created);
        var commitmentId = first.GetProperty("commitmentIds")[0].GetGuid();
        await JsonAsync(await w.PartnerLead.Api.PostAsJsonAsync($"{w.Base}/commitments/{commitmentId}/updates", new { status = "AtRisk", date = Today, note = "Printer broken", version = 0 }), HttpStatusCode.Created);

        await using var services = app.Services.CreateAsyncScope();
        var partnership = await services.ServiceProvider.GetRequiredService<ConcordDb>().Set<Partnership>().AsNoTracking().SingleAsync(p => p.Id == w.PartnershipId);
        var scope = new PartnershipScope(partnership, w.Coordinator.Id, PartnershipRole.Coordinator, null, false);
        var tables = services.ServiceProvider.GetServices<IPartnershipExportPart>()
            .Where(p => p is LedgerExportPart or CommitmentsExportPart).SelectMany(p => p.Tables(scope)).ToDictionary(t => t.Name);

        var (entriesCsv, entries) = await WriteAsync(tables["ledgerEntries"]);
        Assert.Equal([1L, 2L], entries.EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Equal(2L, entries[0].GetProperty("correctedBy")[0].GetInt64());
        Assert.Equal(commitmentId, entries[0].GetProperty("commitmentIds")[0].GetGuid());
        Assert.Equal(w.DeliveryPartnerId, entries[1].GetProperty("partnerIds")[0].GetGuid());
        Assert.Contains("Correction: it was a planning call", entriesCsv, StringComparison.Ordinal);
        Assert.DoesNotContain("Another partnership", entriesCsv, StringComparison.Ordinal);
        var (methodsCsv, methods) = await WriteAsync(tables["contactMethods"]);
        Assert.Equal("Monthly meeting", Assert.Single(methods.EnumerateArray()).GetProperty("channel").GetString());
        Assert.Contains("monthly", methodsCsv, StringComparison.Ordinal);
        var (_, commitments) = await WriteAsync(tables["commitments"]);
        Assert.Equal("Print the posters", Assert.Single(commitments.EnumerateArray()).GetProperty("what").GetString());
        var (_, updates) = await WriteAsync(tables["commitmentUpdates"]);
        Assert.Equal("Printer broken", Assert.Single(updates.EnumerateArray()).GetProperty("note").GetString());

        // The subject access export: the coordinator recorded the entries; the partner lead owns the commitment and reported on it.
        var personal = services.ServiceProvider.GetServices<IPersonalDataPart>().Where(p => p is LedgerPersonalDataPart or CommitmentsPersonalDataPart).ToList();
        var coordinator = personal.SelectMany(p => p.Tables(w.Coordinator.Id)).ToDictionary(t => t.Name);
        var (_, recorded) = await WriteAsync(coordinator["ledgerEntriesRecorded"]);
        Assert.Equal(["Planning meeting", "Correction: it was a planning call"], recorded.EnumerateArray().Select(e => e.GetProperty("summary").GetString()));
        var lead = personal.SelectMany(p => p.Tables(w.PartnerLead.Id)).ToDictionary(t => t.Name);
        var (_, owned) = await WriteAsync(lead["commitments"]);
        Assert.True(Assert.Single(owned.EnumerateArray()).GetProperty("owner").GetBoolean());
        var (_, reported) = await WriteAsync(lead["commitmentUpdatesReported"]);
        Assert.Equal("Printer broken", Assert.Single(reported.EnumerateArray()).GetProperty("note").GetString());
        var (_, none) = await WriteAsync(lead["ledgerEntriesRecorded"]);
        Assert.Empty(none.EnumerateArray());
    }
}
