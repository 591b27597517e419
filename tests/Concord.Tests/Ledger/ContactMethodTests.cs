using System.Net;
using System.Net.Http.Json;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Ledger;
using Microsoft.EntityFrameworkCore;
using static Concord.Tests.Commitments.CommitmentsTestKit;
using static Concord.Tests.Infrastructure.PageTestPeople;

namespace Concord.Tests.Ledger;

/// <summary>Agreed ways of keeping in touch carry a version: a change made against an older one is refused (409) and changes nothing.</summary>
[Collection(AppCollection.Name)]
public sealed class ContactMethodTests(AppFixture fixture)
{
    [Theory, BothDatabases]
    public async Task A_stale_change_to_an_agreed_way_of_keeping_in_touch_is_refused_with_the_saved_one(Db db)
    {
        var w = await WorldAsync(await fixture.ForAsync(db));
        var created = await JsonAsync(await w.Coordinator.Api.PostAsJsonAsync($"{w.Base}/contact-methods", new
        {
            partnerId = w.DeliveryPartnerId,
            channel = "Phone call",
            frequency = "Weekly",
            contacts = "Dev Liverer",
        }), HttpStatusCode.Created);
        Assert.Equal(0, created.GetProperty("version").GetInt32());
        var url = $"{w.Base}/contact-methods/{created.GetProperty("id").GetGuid()}";

        var missing = await ProblemAsync(await w.Coordinator.Api.PutAsJsonAsync(url, new { partnerId = w.DeliveryPartnerId, channel = "Monthly meeting", frequency = "Monthly" }), HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("version", out _), missing.ToString());

        var changed = await JsonAsync(await w.Coordinator.Api.PutAsJsonAsync(url, new { partnerId = w.DeliveryPartnerId, channel = "Monthly meeting", frequency = "Monthly", version = 0 }), HttpStatusCode.OK);
        Assert.Equal((1, "Monthly meeting", "monthly"), (changed.GetProperty("version").GetInt32(), changed.GetProperty("channel").GetString(), changed.GetProperty("howOften").GetString()));

        var stale = await ProblemAsync(await w.Coordinator.Api.PutAsJsonAsync(url, new { partnerId = w.DeliveryPartnerId, channel = "Weekly e-mail", frequency = "Weekly", version = 0 }), HttpStatusCode.Conflict);
        Assert.Equal(1, stale.GetProperty("current").GetProperty("version").GetInt32());
        Assert.Equal("Monthly meeting", stale.GetProperty("current").GetProperty("channel").GetString());
        await ProblemAsync(await w.Coordinator.Api.DeleteAsync($"{url}?version=0"), HttpStatusCode.Conflict);
        await ProblemAsync(await w.PartnerLead.Api.PutAsJsonAsync(url, new { partnerId = w.DeliveryPartnerId, channel = "x", frequency = "Weekly", version = 1 }), HttpStatusCode.Forbidden);
        var saved = await JsonAsync(await w.Coordinator.Api.GetAsync(url), HttpStatusCode.OK);
        Assert.Equal(("Monthly meeting", 1), (saved.GetProperty("channel").GetString(), saved.GetProperty("version").GetInt32()));

        // The page: a change typed on a page read before someone else's save is 409, with both versions side by side.
        var client = await SignInAsync(w.App, w.Coordinator);
        var edit = $"/partnerships/{w.PartnershipId}/contact/{created.GetProperty("id").GetGuid()}/edit";
        var token = await AntiforgeryTokenAsync(client, edit);
        var page = await PostFormAsync(client, edit, token, ("Version", "0"), ("Input.PartnerId", w.DeliveryPartnerId.ToString()),
            ("Input.Channel", "Fortnightly visit"), ("Input.Frequency", "Fortnightly"));
        Assert.Equal(HttpStatusCode.Conflict, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Someone else changed this way of keeping in touch", html, StringComparison.Ordinal);
        Assert.Contains("Fortnightly visit", html, StringComparison.Ordinal);
        Assert.Contains("Monthly meeting", html, StringComparison.Ordinal);
        Assert.Contains("the saved version is now 1", html, StringComparison.Ordinal);

        await AssertRedirectAsync(PostFormAsync(client, edit, token, ("Version", "1"), ("Input.PartnerId", w.DeliveryPartnerId.ToString()),
            ("Input.Channel", "Fortnightly visit"), ("Input.Frequency", "Fortnightly")));
        var method = await w.App.WithDbAsync(d => d.Set<CommunicationMethod>().AsNoTracking().SingleAsync(m => m.PartnershipId == w.PartnershipId));
        Assert.Equal(("Fortnightly visit", ContactFrequency.Fortnightly, 2), (method.Channel, method.Frequency, method.Version));

        // Removing from a page read before the change is refused too; with the current version it goes.
        var contact = $"/partnerships/{w.PartnershipId}/contact";
        Assert.Equal(HttpStatusCode.Conflict, (await PostFormAsync(client, $"{contact}?handler=Remove", token, ("methodId", method.Id.ToString()), ("version", "1"))).StatusCode);
        await AssertRedirectAsync(PostFormAsync(client, $"{contact}?handler=Remove", token, ("methodId", method.Id.ToString()), ("version", "2")));
        Assert.Equal(0, await w.App.WithDbAsync(d => d.Set<CommunicationMethod>().CountAsync(m => m.PartnershipId == w.PartnershipId)));
    }
}
