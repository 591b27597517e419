using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Commitments;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;
using static Concord.Tests.Commitments.CommitmentsTestKit;
using static Concord.Tests.Infrastructure.PageTestPeople;

namespace Concord.Tests.Commitments;

/// <summary>Issue 10 #7: absurd dates are refused with a message that says what is allowed, on the form and in the API.</summary>
[Collection(AppCollection.Name)]
public sealed class CommitmentDateTests(AppFixture fixture)
{
    private static DateOnly Today => London.Today(TimeProvider.System);

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Long(DateOnly d) => d.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));

    private static object Commitment(CommitmentsWorld w, string due) =>
        new { what = "Run the launch event", ownerPartnerId = w.DeliveryPartnerId, dueDate = due, doneWhen = "Event held" };

    [Theory, BothDatabases]
    public async Task A_due_date_in_1900_or_9999_or_outside_the_partnerships_run_is_refused(Db db)
    {
        var w = await WorldAsync(await fixture.ForAsync(db));
        var url = $"{w.Base}/commitments";
        var early = await ProblemAsync(await w.Coordinator.Api.PostAsJsonAsync(url, Commitment(w, "1900-01-01")), HttpStatusCode.BadRequest);
        Assert.Equal("Due date must be in 2000 or later", early.GetProperty("errors").GetProperty("dueDate")[0].GetString());
        var late = await ProblemAsync(await w.Coordinator.Api.PostAsJsonAsync(url, Commitment(w, "9999-12-31")), HttpStatusCode.BadRequest);
        Assert.Equal($"Due date must be by 31 December {Today.Year + 10}", late.GetProperty("errors").GetProperty("dueDate")[0].GetString());

        // Once the partnership has a run, a due date must fall within it.
        var (start, end) = (Today.AddDays(-30), Today.AddDays(400));
        await w.App.WithDbAsync(async d =>
        {
            var p = await d.Set<Partnership>().SingleAsync(x => x.Id == w.PartnershipId);
            (p.StartDate, p.EndDate) = (start, end);
            await d.SaveChangesAsync();
        });
        var outside = await ProblemAsync(await w.Coordinator.Api.PostAsJsonAsync(url, Commitment(w, Day(end.AddDays(1)))), HttpStatusCode.BadRequest);
        Assert.Equal($"Due date must be within the partnership's run, {Long(start)} to {Long(end)}",
            outside.GetProperty("errors").GetProperty("dueDate")[0].GetString());
        await ProblemAsync(await w.Coordinator.Api.PostAsJsonAsync(url, Commitment(w, Day(start.AddDays(-1)))), HttpStatusCode.BadRequest);
        var created = await JsonAsync(await w.Coordinator.Api.PostAsJsonAsync(url, Commitment(w, Day(end))), HttpStatusCode.Created);

        // A change and a promise in a ledger entry meet the same rule.
        var id = created.GetProperty("id").GetGuid();
        var change = await ProblemAsync(await w.Coordinator.Api.PutAsJsonAsync($"{url}/{id}", new
        {
            what = "Run the launch event",
            ownerPartnerId = w.DeliveryPartnerId,
            dueDate = "1900-01-01",
            version = 0,
        }), HttpStatusCode.BadRequest);
        Assert.True(change.GetProperty("errors").TryGetProperty("dueDate", out _), change.ToString());
        var promise = await ProblemAsync(await w.Coordinator.Api.PostAsJsonAsync($"{w.Base}/ledger", new
        {
            kind = "Meeting",
            date = Day(Today),
            summary = "Planning",
            promises = new[] { new { what = "Print posters", ownerPartnerId = w.DeliveryPartnerId, dueDate = Day(end.AddYears(1)) } },
        }), HttpStatusCode.BadRequest);
        Assert.Contains("within the partnership's run", promise.GetProperty("errors").GetProperty("promises[0].dueDate")[0].GetString(), StringComparison.Ordinal);

        // The form says the same beside the field.
        var client = await SignInAsync(w.App, w.Coordinator);
        var form = $"/partnerships/{w.PartnershipId}/commitments/new";
        var response = await PostFormAsync(client, form, await AntiforgeryTokenAsync(client, form), ("Input.What", "Hire a minibus"),
            ("Input.OwnerPartnerId", w.DeliveryPartnerId.ToString()), ("Input.DueDate", "1900-01-01"), ("Input.Source", "Meeting"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Due date must be in 2000 or later", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await w.App.WithDbAsync(d => d.Set<Commitment>().CountAsync(c => c.PartnershipId == w.PartnershipId)));
    }

    [Theory, BothDatabases]
    public async Task A_status_update_must_be_dated_between_2000_and_today(Db db)
    {
        var w = await WorldAsync(await fixture.ForAsync(db));
        var created = await JsonAsync(await w.Coordinator.Api.PostAsJsonAsync($"{w.Base}/commitments", Commitment(w, Day(Today.AddDays(10)))), HttpStatusCode.Created);
        var updates = $"{w.Base}/commitments/{created.GetProperty("id").GetGuid()}/updates";
        var old = await ProblemAsync(await w.Coordinator.Api.PostAsJsonAsync(updates, new { status = "Done", date = "1900-01-01", version = 0 }), HttpStatusCode.BadRequest);
        Assert.Equal("The date of the update must be in 2000 or later", old.GetProperty("errors").GetProperty("date")[0].GetString());
        var future = await ProblemAsync(await w.Coordinator.Api.PostAsJsonAsync(updates, new { status = "Done", date = "9999-12-31", version = 0 }), HttpStatusCode.BadRequest);
        Assert.Equal("The date of the update cannot be in the future", future.GetProperty("errors").GetProperty("date")[0].GetString());
        await JsonAsync(await w.Coordinator.Api.PostAsJsonAsync(updates, new { status = "Done", date = Day(Today), version = 0 }), HttpStatusCode.Created);
    }
}
