using System.Net;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Commitments;
using Concord.Web.Features.Demo;
using Concord.Web.Features.Partnerships;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Concord.Tests.Foundation;

/// <summary>
/// No page's query count grows with the size of the data: the key pages are counted on the demo network, the partnership
/// then gets eighty more commitments (half of them owned by the person, each with a status update), and every page must
/// run exactly as many queries as before.
/// </summary>
public sealed class QueryBudgetTests(ITestOutputHelper output)
{
    [Theory, BothDatabases]
    public async Task Key_pages_run_the_same_number_of_queries_however_many_commitments_there_are(Db db)
    {
        await using var app = await ConcordFactory.CreateAsync(db, services: RequestCommandLog.AddTo);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await ActivatorUtilities.CreateInstance<DemoNetwork>(scope.ServiceProvider).LoadAsync();
        }

        var log = app.Services.GetRequiredService<RequestCommandLog>();
        var person = await app.CreateAccountAsync(twoFactor: true, name: "Quinn Counter");
        var (partnershipId, partnerId) = await app.WithDbAsync(async d =>
        {
            var partnership = await d.Set<Partnership>().SingleAsync(p => p.Name == "Brightwater Together Against Loneliness");
            var partner = await d.Set<Partner>().Where(p => p.PartnershipId == partnership.Id).OrderBy(p => p.JoinedOn).ThenBy(p => p.Id).FirstAsync();
            d.Add(new PartnershipMembership { PartnershipId = partnership.Id, AccountId = person.Id, Role = PartnershipRole.Coordinator, OrganisationId = partner.OrganisationId, CreatedAt = DateTimeOffset.UtcNow });
            await d.SaveChangesAsync();
            return (partnership.Id, partner.Id);
        });
        var browser = await app.SignInAsync(person);
        string[] pages = [$"/partnerships/{partnershipId}", $"/partnerships/{partnershipId}/commitments", "/commitments", "/commitments?view=organisation"];

        async Task<Dictionary<string, int>> CountAsync()
        {
            var counts = new Dictionary<string, int>();
            foreach (var url in pages)
            {
                // Once to warm what is read once per process, then counted.
                Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(url)).StatusCode);
                log.Take();
                var response = await browser.GetAsync(url);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var commands = log.Take();
                counts[url] = commands.Count;
                if (Environment.GetEnvironmentVariable("CONCORD_TEST_SQL") == "1")
                {
                    foreach (var sql in commands)
                    {
                        output.WriteLine($"-- {url}\n{sql}\n");
                    }
                }
            }

            return counts;
        }

        var before = await CountAsync();
        await app.WithDbAsync(async d =>
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            for (var i = 0; i < 80; i++)
            {
                var commitment = new Commitment
                {
                    PartnershipId = partnershipId,
                    What = $"Extra commitment {i}",
                    OwnerPartnerId = partnerId,
                    OwnerPersonId = i % 2 == 0 ? person.Id : null,
                    DueDate = today.AddDays(i - 40),
                    ReportedStatus = (CommitmentStatus)(i % 4),
                    CreatedAt = DateTimeOffset.UtcNow,
                };
                d.Add(commitment);
                d.Add(new CommitmentUpdate { CommitmentId = commitment.Id, Date = today, Status = commitment.ReportedStatus, Note = "Checked", RecordedAt = DateTimeOffset.UtcNow });
            }

            await d.SaveChangesAsync();
        });
        var after = await CountAsync();

        foreach (var url in pages)
        {
            output.WriteLine($"{url}: {before[url]} queries before, {after[url]} after 80 more commitments");
        }

        Assert.Equal(before, after);
        // And a ceiling per page, so a section added to the home cannot quietly cost a query per partner or per row.
        Assert.InRange(before[pages[0]], 1, 32);
        Assert.All(pages[1..], url => Assert.InRange(before[url], 1, 6));
    }
}
