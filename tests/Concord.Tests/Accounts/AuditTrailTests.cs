using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Accounts;
using Concord.Web.Features.Audit;
using Concord.Web.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Accounts;

[Collection(AppCollection.Name)]
public sealed class AuditTrailTests(AppFixture fixture)
{
    [Theory, BothDatabases]
    public async Task The_database_refuses_to_change_or_delete_audit_entries(Db db)
    {
        var app = await fixture.ForAsync(db);
        var id = Guid.CreateVersion7();
        await app.WithDbAsync(async d =>
        {
            d.Add(new AuditEntry { Id = id, At = DateTimeOffset.UtcNow, Action = "test.append-only", Details = "original" });
            await d.SaveChangesAsync();
        });

        await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(d =>
            d.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET \"Details\" = 'rewritten' WHERE \"Id\" = {0}", id)));
        await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(d =>
            d.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries WHERE \"Id\" = {0}", id)));
        await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(d =>
            d.Set<AuditEntry>().Where(a => a.Id == id).ExecuteDeleteAsync()));
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => app.WithDbAsync(async d =>
        {
            var entry = await d.Set<AuditEntry>().SingleAsync(a => a.Id == id);
            d.Remove(entry);
            await d.SaveChangesAsync();
        }));

        Assert.Equal("original", await app.WithDbAsync(d => d.Set<AuditEntry>().Where(a => a.Id == id).Select(a => a.Details).SingleAsync()));
    }

    [Theory, BothDatabases]
    public async Task Admins_read_their_part_of_the_trail_and_others_read_nothing(Db db)
    {
        var app = await fixture.ForAsync(db);
        var orgAdmin = await app.CreateAccountAsync();
        var member = await app.CreateAccountAsync();
        var mine = await app.CreateOrganisationAsync(null, (orgAdmin, OrganisationRole.Admin), (member, OrganisationRole.Staff));
        var theirs = await app.CreateOrganisationAsync();
        await app.WithDbAsync(async d =>
        {
            d.Add(new AuditEntry { At = DateTimeOffset.UtcNow, Action = "test.mine", OrganisationId = mine.Id });
            d.Add(new AuditEntry { At = DateTimeOffset.UtcNow, Action = "test.theirs", OrganisationId = theirs.Id });
            await d.SaveChangesAsync();
        });

        var adminApi = await app.ApiAsync(orgAdmin);
        var visible = await adminApi.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=test.&pageSize=100");
        var actions = visible.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("action").GetString()).ToList();
        Assert.Contains("test.mine", actions);
        Assert.DoesNotContain("test.theirs", actions);

        var page = await (await app.SignInAsync(orgAdmin)).GetAsync("/audit?action=test.");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("test.mine", html, StringComparison.Ordinal);
        Assert.DoesNotContain("test.theirs", html, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ApiAsync(member)).GetAsync("/api/v1/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync(member)).GetAsync("/audit")).StatusCode);

        var networkAdmin = await app.ApiAsync(await app.CreateAccountAsync(role: NetworkRole.NetworkAdmin));
        var all = await networkAdmin.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=test.&pageSize=100");
        Assert.Contains("test.theirs", all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("action").GetString()));
    }

    [Theory, BothDatabases]
    public async Task Seeing_the_account_list_is_recorded_as_a_read_of_personal_data(Db db)
    {
        var app = await fixture.ForAsync(db);
        var admin = await app.CreateAccountAsync(role: NetworkRole.NetworkAdmin);
        var client = await app.SignInAsync(admin);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/accounts")).StatusCode);
        Assert.True(await app.WithDbAsync(d => d.Set<AuditEntry>().AnyAsync(a => a.ActorId == admin.Id && a.Action == AuditActions.PersonalDataRead)));
    }
}
