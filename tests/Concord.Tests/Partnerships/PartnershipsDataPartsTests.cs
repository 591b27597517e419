using System.Net;
using System.Net.Http.Json;
using System.Text;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Audit;
using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Hooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Tests.Partnerships;

/// <summary>What Partnerships and Audit give the hand-over and subject access exports, read from the database.</summary>
[Collection(AppCollection.Name)]
public sealed class PartnershipsDataPartsTests(AppFixture fixture)
{
    private static async Task<string> CsvAsync(ExportTable table)
    {
        using var stream = new MemoryStream();
        await table.WriteCsvAsync(stream, CancellationToken.None);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Theory, BothDatabases]
    public async Task The_exports_hold_the_partnership_its_people_and_what_the_audit_trail_says_about_a_person(Db db)
    {
        var app = await fixture.ForAsync(db);
        var coordinator = await ApiTestPeople.CreateAsync(app);
        var organisationId = await ApiTestPeople.OrganisationAsync(app, (coordinator, OrganisationRole.Staff));
        var name = "Exported " + Guid.NewGuid().ToString("N")[..6];
        var id = (await JsonAsync(await coordinator.Api.PostAsJsonAsync("/api/v1/partnerships", new { name, purpose = "Hand over well", leadOrganisationId = organisationId }),
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await app.WithDbAsync(async d =>
        {
            d.Add(new AuditEntry { At = DateTimeOffset.UtcNow, Action = "personal-data.read", SubjectType = "Account", SubjectId = coordinator.Id, ActorEmail = "reader@example.org" });
            await d.SaveChangesAsync();
        });

        await using var scope = app.Services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<ConcordDb>();
        var partnership = await database.Set<Partnership>().AsNoTracking().SingleAsync(p => p.Id == id);
        var tenant = new PartnershipScope(partnership, coordinator.Id, PartnershipRole.Coordinator, organisationId, false);

        var export = scope.ServiceProvider.GetServices<IPartnershipExportPart>().OfType<PartnershipsDataParts>().Single();
        var tables = export.Tables(tenant).ToDictionary(t => t.Name);
        Assert.Equal(["partnership", "partners", "members"], tables.Keys);
        Assert.Contains(name, await CsvAsync(tables["partnership"]), StringComparison.Ordinal);
        Assert.Contains("Lead partner", await CsvAsync(tables["partners"]), StringComparison.Ordinal);
        var members = await CsvAsync(tables["members"]);
        Assert.Contains(coordinator.Email, members, StringComparison.Ordinal);
        Assert.Contains("Coordinator", members, StringComparison.Ordinal);

        var personal = scope.ServiceProvider.GetServices<IPersonalDataPart>().ToList();
        var mine = personal.OfType<PartnershipsDataParts>().Single().Tables(coordinator.Id).ToDictionary(t => t.Name);
        Assert.Contains(name, await CsvAsync(mine["partnershipMemberships"]), StringComparison.Ordinal);
        Assert.Contains("Staff", await CsvAsync(mine["organisationMemberships"]), StringComparison.Ordinal);

        var audit = personal.OfType<AuditDataParts>().Single().Tables(coordinator.Id).ToDictionary(t => t.Name);
        Assert.Contains("reader@example.org", await CsvAsync(audit["auditAboutYou"]), StringComparison.Ordinal);
        Assert.Contains(AuditActions.PartnershipCreated, await CsvAsync(audit["auditByYou"]), StringComparison.Ordinal);
    }
}
