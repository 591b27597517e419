using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concord.Tests.Commitments;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Audit;
using Concord.Web.Features.HandOver;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.HandOver;

[Collection(AppCollection.Name)]
public sealed class HandOverTests(AppFixture fixture)
{
    [Theory, BothDatabases]
    public async Task A_coordinator_downloads_everything_as_json_and_as_a_zip_of_csvs_and_each_download_is_audited(Db db)
    {
        var w = await CommitmentsTestKit.WorldAsync(await fixture.ForAsync(db));
        await ApiResponses.JsonAsync(await w.Coordinator.Api.PostAsJsonAsync($"{w.Base}/commitments", new
        {
            what = "Hand the befriending rota to the council",
            ownerPartnerId = w.DeliveryPartnerId,
            dueDate = DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-dd"),
        }), HttpStatusCode.Created);

        var json = await w.Coordinator.Api.GetAsync($"{w.Base}/hand-over/export.json");
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("no-store", json.Headers.CacheControl?.ToString());
        Assert.Contains("hand-over", json.Content.Headers.ContentDisposition?.FileName ?? "", StringComparison.Ordinal);
        using var document = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        var about = document.RootElement.GetProperty("about");
        Assert.Equal(w.PartnershipId, about.GetProperty("partnershipId").GetGuid());
        var tables = about.GetProperty("tables").EnumerateArray().Select(t => t.GetString()!).ToList();
        foreach (var table in tables)
        {
            Assert.Equal(JsonValueKind.Array, document.RootElement.GetProperty(table).ValueKind);
        }

        // Each feature's part is there: the partnership itself, its partners and people, and what they promised.
        var partnership = Assert.Single(document.RootElement.GetProperty("partnership").EnumerateArray());
        Assert.Equal(w.PartnershipId, partnership.GetProperty("id").GetGuid());
        Assert.Equal(2, document.RootElement.GetProperty("partners").GetArrayLength());
        Assert.Contains(document.RootElement.GetProperty("members").EnumerateArray(), m => m.GetProperty("accountId").GetGuid() == w.Coordinator.Id);
        var commitment = Assert.Single(document.RootElement.GetProperty("commitments").EnumerateArray());
        Assert.Equal("Hand the befriending rota to the council", commitment.GetProperty("what").GetString());

        var zip = await w.Coordinator.Api.GetAsync($"{w.Base}/hand-over/export.zip");
        Assert.Equal(HttpStatusCode.OK, zip.StatusCode);
        Assert.Equal("application/zip", zip.Content.Headers.ContentType?.MediaType);
        using var archive = new ZipArchive(new MemoryStream(await zip.Content.ReadAsByteArrayAsync()));
        var names = archive.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("about.json", names);
        Assert.Equal(tables.Count + 1, names.Count);
        using (var reader = new StreamReader(archive.GetEntry("commitments.csv")!.Open()))
        {
            Assert.Contains("Hand the befriending rota to the council", await reader.ReadToEndAsync(), StringComparison.Ordinal);
        }

        await w.App.WithDbAsync(async d =>
        {
            var audited = await d.Set<AuditEntry>().Where(a => a.Action == HandOverExport.AuditAction && a.SubjectId == w.PartnershipId).ToListAsync();
            Assert.Equal(2, audited.Count);
            Assert.All(audited, a => Assert.Equal(w.Coordinator.Id, a.ActorId));
        });
    }

    [Theory, BothDatabases]
    public async Task Only_coordinators_may_download_it_and_outsiders_learn_nothing(Db db)
    {
        var w = await CommitmentsTestKit.WorldAsync(await fixture.ForAsync(db));
        var refused = await ApiResponses.ProblemAsync(await w.PartnerLead.Api.GetAsync($"{w.Base}/hand-over/export.json"), HttpStatusCode.Forbidden);
        Assert.Contains("Coordinators", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ApiResponses.ProblemAsync(await w.Observer.Api.GetAsync($"{w.Base}/hand-over/export.zip"), HttpStatusCode.Forbidden);
        var outsider = await ApiTestPeople.CreateAsync(w.App);
        await ApiResponses.ProblemAsync(await outsider.Api.GetAsync($"{w.Base}/hand-over/export.json"), HttpStatusCode.NotFound);
        await ApiResponses.ProblemAsync(await w.Coordinator.Api.GetAsync($"/api/v1/partnerships/{Guid.NewGuid()}/hand-over/export.json"), HttpStatusCode.NotFound);
    }

    [Theory, BothDatabases]
    public async Task The_partnership_home_links_coordinators_to_the_export_page_and_the_page_is_theirs_alone(Db db)
    {
        var w = await CommitmentsTestKit.WorldAsync(await fixture.ForAsync(db));
        var coordinator = await w.App.SignInAsync(w.Coordinator.Account);
        Assert.Contains($"/partnerships/{w.PartnershipId}/hand-over", await coordinator.GetStringAsync($"/partnerships/{w.PartnershipId}"), StringComparison.Ordinal);
        var page = await coordinator.GetStringAsync($"/partnerships/{w.PartnershipId}/hand-over");
        Assert.Contains("Commitments", page, StringComparison.Ordinal);
        Assert.Contains("Ledger entries", page, StringComparison.Ordinal);

        var lead = await w.App.SignInAsync(w.PartnerLead.Account);
        Assert.DoesNotContain("/hand-over", await lead.GetStringAsync($"/partnerships/{w.PartnershipId}"), StringComparison.Ordinal);
        // Pages answer a refusal with the friendly "not allowed" page.
        var refused = await lead.GetAsync($"/partnerships/{w.PartnershipId}/hand-over?handler=Zip");
        Assert.Equal(HttpStatusCode.Found, refused.StatusCode);
        Assert.Equal("/error/403", refused.Headers.Location?.AbsolutePath);
    }
}
