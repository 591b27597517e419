using System.Net;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Commitments;
using Concord.Web.Features.Ledger;
using Concord.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;
using static Concord.Tests.Commitments.CommitmentsTestKit;
using static Concord.Tests.Infrastructure.PageTestPeople;

namespace Concord.Tests.Commitments;

[Collection(AppCollection.Name)]
public sealed class CommitmentPagesTests(AppFixture fixture)
{
    private static DateOnly Today => London.Today(TimeProvider.System);

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd");

    private static async Task<string> OkAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
        return html;
    }

    [Theory, BothDatabases]
    public async Task Commitments_are_added_updated_and_a_stale_edit_shows_both_versions(Db db)
    {
        var w = await WorldAsync(await fixture.ForAsync(db));
        var client = await SignInAsync(w.App, w.PartnerLead);
        var p = $"/partnerships/{w.PartnershipId}";
        var token = await AntiforgeryTokenAsync(client, $"{p}/commitments/new");

        var invalid = await PostFormAsync(client, $"{p}/commitments/new", token, ("Input.What", ""), ("Input.Source", "Meeting"));
        var html = await invalid.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        Assert.Contains("Enter what will be done", html, StringComparison.Ordinal);
        Assert.Contains("Choose the partner organisation that owns this commitment", html, StringComparison.Ordinal);

        var created = await PostFormAsync(client, $"{p}/commitments/new", token, ("Input.What", "Hold a volunteers' evening"),
            ("Input.OwnerPartnerId", w.DeliveryPartnerId.ToString()), ("Input.OwnerPersonId", w.PartnerLead.Id.ToString()),
            ("Input.DueDate", Day(Today.AddDays(10))), ("Input.DoneWhen", "Evening held"), ("Input.Source", "Meeting"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var url = created.Headers.Location!.OriginalString;
        var details = await OkAsync(client, url);
        Assert.Contains("Hold a volunteers&#x27; evening", details, StringComparison.Ordinal);
        Assert.Contains("On track", details, StringComparison.Ordinal);

        var update = await PostFormAsync(client, $"{url}?handler=Status", token, ("Update.Status", "AtRisk"), ("Update.Date", Day(Today)), ("Update.Note", "Venue fell through"), ("Update.Version", "0"));
        Assert.Equal(HttpStatusCode.Redirect, update.StatusCode);
        details = await OkAsync(client, url);
        Assert.Contains("Venue fell through", details, StringComparison.Ordinal);
        Assert.Contains("At risk", details, StringComparison.Ordinal);

        // An update made against the version before is refused: 409, the page shows the commitment as saved now and keeps the note typed.
        var staleUpdate = await PostFormAsync(client, $"{url}?handler=Status", token, ("Update.Status", "Done"), ("Update.Date", Day(Today)), ("Update.Note", "Typed on an old page"), ("Update.Version", "0"));
        Assert.Equal(HttpStatusCode.Conflict, staleUpdate.StatusCode);
        var staleHtml = await staleUpdate.Content.ReadAsStringAsync();
        Assert.Contains("Someone else changed this commitment", staleHtml, StringComparison.Ordinal);
        Assert.Contains("Typed on an old page", staleHtml, StringComparison.Ordinal);
        Assert.Contains("Venue fell through", staleHtml, StringComparison.Ordinal);

        // With htmx the status part is replaced in place: the answer is the fragment, not the whole page.
        var fragmentRequest = new HttpRequestMessage(HttpMethod.Post, $"{url}?handler=Status")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Update.Status"] = "AtRisk",
                ["Update.Date"] = Day(Today),
                ["Update.Note"] = "Still looking",
                ["Update.Version"] = "1",
            }),
        };
        fragmentRequest.Headers.Add("HX-Request", "true");
        var fragment = await client.SendAsync(fragmentRequest);
        Assert.Equal(HttpStatusCode.OK, fragment.StatusCode);
        var fragmentHtml = await fragment.Content.ReadAsStringAsync();
        Assert.Contains("<div id=\"commitment-status\">", fragmentHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("<html", fragmentHtml, StringComparison.Ordinal);
        Assert.Contains("Still looking", fragmentHtml, StringComparison.Ordinal);

        // Two people edit at once: the second save is refused and shows both versions.
        var editToken = await AntiforgeryTokenAsync(client, $"{url}/edit");
        var first = await PostFormAsync(client, $"{url}/edit", editToken, ("Version", "2"), ("Input.What", "Hold a volunteers' party"),
            ("Input.OwnerPartnerId", w.DeliveryPartnerId.ToString()), ("Input.OwnerPersonId", w.PartnerLead.Id.ToString()), ("Input.DueDate", Day(Today.AddDays(10))), ("Input.Source", "Meeting"));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var stale = await PostFormAsync(client, $"{url}/edit", editToken, ("Version", "2"), ("Input.What", "Hold a volunteers' lunch"),
            ("Input.OwnerPartnerId", w.DeliveryPartnerId.ToString()), ("Input.OwnerPersonId", w.PartnerLead.Id.ToString()), ("Input.DueDate", Day(Today.AddDays(10))), ("Input.Source", "Meeting"));
        var conflict = await stale.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Someone else changed this commitment", conflict, StringComparison.Ordinal);
        Assert.Contains("Hold a volunteers&#x27; party", conflict, StringComparison.Ordinal);
        Assert.Contains("Hold a volunteers&#x27; lunch", conflict, StringComparison.Ordinal);
        var id = Guid.Parse(url.Split('/').Last());
        Assert.Equal("Hold a volunteers' party", await w.App.WithDbAsync(d => d.Set<Commitment>().Where(c => c.Id == id).Select(c => c.What).SingleAsync()));

        var list = await OkAsync(client, $"{p}/commitments?status=AtRisk");
        Assert.Contains("Hold a volunteers&#x27; party", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Hold a volunteers", await OkAsync(client, $"{p}/commitments?status=Done"), StringComparison.Ordinal);
        Assert.Contains("Hold a volunteers&#x27; party", await OkAsync(client, "/commitments"), StringComparison.Ordinal);
        Assert.Contains("Hold a volunteers&#x27; party", await OkAsync(client, "/commitments?view=organisation"), StringComparison.Ordinal);
        var partnership = await OkAsync(client, p);
        Assert.True(partnership.Contains("At risk (1)", StringComparison.Ordinal), partnership[partnership.IndexOf("id=\"commitments\"", StringComparison.Ordinal)..][..1500]);

        var csv = await client.GetAsync($"{p}/commitments?handler=Csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, (await csv.Content.ReadAsByteArrayAsync())[..3]);

        var observer = await SignInAsync(w.App, w.Observer);
        Assert.Equal(HttpStatusCode.Redirect, (await observer.GetAsync($"{p}/commitments/new")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await observer.GetAsync(url)).StatusCode);
    }

    [Theory, BothDatabases]
    public async Task A_ledger_entry_with_a_promise_on_the_page_creates_a_commitment_and_can_be_corrected(Db db)
    {
        var w = await WorldAsync(await fixture.ForAsync(db));
        var client = await SignInAsync(w.App, w.PartnerLead);
        var p = $"/partnerships/{w.PartnershipId}";
        var token = await AntiforgeryTokenAsync(client, $"{p}/ledger/new");
        var recorded = await PostFormAsync(client, $"{p}/ledger/new", token, ("Input.Kind", "Meeting"), ("Input.Date", Day(Today)),
            ("Input.Summary", "Planning meeting"), ("Input.PartnerIds", w.DeliveryPartnerId.ToString()), ("Input.PartnerIds", w.LeadPartnerId.ToString()),
            ("PeopleText", "Dev Liverer\nCora Ordinate"),
            ("Input.Promises[0].What", "Print the posters"), ("Input.Promises[0].OwnerPartnerId", w.DeliveryPartnerId.ToString()),
            ("Input.Promises[0].DueDate", Day(Today.AddDays(7))), ("Input.Promises[1].What", ""));
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var entry = await w.App.WithDbAsync(d => d.Set<LedgerEntry>().Include(e => e.Partners).SingleAsync(e => e.PartnershipId == w.PartnershipId));
        Assert.Equal(["Cora Ordinate", "Dev Liverer"], entry.People.Order().ToArray());
        Assert.Equal(2, entry.PartnerIds.Count);
        var commitment = await w.App.WithDbAsync(d => d.Set<Commitment>().SingleAsync(c => c.PartnershipId == w.PartnershipId));
        Assert.Equal(("Print the posters", entry.Id, CommitmentSource.LedgerEntry), (commitment.What, commitment.SourceLedgerEntryId!.Value, commitment.Source));

        var ledger = await OkAsync(client, $"{p}/ledger");
        Assert.Contains("Planning meeting", ledger, StringComparison.Ordinal);
        Assert.Contains($"/commitments/{commitment.Id}", ledger, StringComparison.Ordinal);

        var correctForm = await OkAsync(client, $"{p}/ledger/new?corrects={entry.Id}");
        Assert.Contains("Correct entry 1", correctForm, StringComparison.Ordinal);
        var corrected = await PostFormAsync(client, $"{p}/ledger/new", token, ("Input.CorrectsEntryId", entry.Id.ToString()), ("Input.Kind", "Meeting"),
            ("Input.Date", Day(Today)), ("Input.Summary", "Correction: it was a planning call"));
        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        ledger = await OkAsync(client, $"{p}/ledger");
        Assert.Contains("Corrected by entry 2", ledger, StringComparison.Ordinal);
        Assert.Contains("Corrects entry 1", ledger, StringComparison.Ordinal);

        var verified = await OkAsync(client, $"{p}/ledger?handler=Verify");
        Assert.Contains("All 2 entries are intact.", verified, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task Coordinators_agree_ways_of_keeping_in_touch_and_the_partnership_page_warns_of_partners_gone_quiet(Db db)
    {
        var w = await WorldAsync(await fixture.ForAsync(db));
        var client = await SignInAsync(w.App, w.Coordinator);
        var p = $"/partnerships/{w.PartnershipId}";
        var token = await AntiforgeryTokenAsync(client, $"{p}/contact");
        var added = await PostFormAsync(client, $"{p}/contact?handler=Add", token, ("Input.PartnerId", w.DeliveryPartnerId.ToString()),
            ("Input.Channel", "Monthly meeting"), ("Input.Frequency", "Monthly"), ("Input.Contacts", "Dev Liverer"));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var partnership = await OkAsync(client, p);
        Assert.Contains("Partners gone quiet", partnership, StringComparison.Ordinal);
        Assert.Contains("You agreed to be in touch monthly (Monthly meeting)", partnership, StringComparison.Ordinal);

        var lead = await SignInAsync(w.App, w.PartnerLead);
        var refused = await PostFormAsync(lead, $"{p}/contact?handler=Add", await AntiforgeryTokenAsync(lead, $"{p}/ledger/new"), ("Input.PartnerId", w.DeliveryPartnerId.ToString()),
            ("Input.Channel", "Weekly"), ("Input.Frequency", "Weekly"));
        Assert.True(refused.StatusCode == HttpStatusCode.Redirect, $"{(int)refused.StatusCode}");
        Assert.Contains("403", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(1, await w.App.WithDbAsync(d => d.Set<CommunicationMethod>().CountAsync(m => m.PartnershipId == w.PartnershipId)));
    }
}
