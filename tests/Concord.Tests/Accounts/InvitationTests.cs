using System.Net;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Accounts;
using Concord.Web.Features.Organisations;
using Concord.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Accounts;

[Collection(AppCollection.Name)]
public sealed class InvitationTests(AppFixture fixture)
{
    private static async Task<(string Secret, string Email)> InvitationAsync(ConcordFactory app, Guid organisationId, Guid invitedBy, DateTimeOffset expires)
    {
        var secret = Secrets.NewToken();
        var email = TestPeople.UniqueEmail("invitee");
        await app.WithDbAsync(async db =>
        {
            db.Add(new Invitation
            {
                Email = email,
                OrganisationId = organisationId,
                OrganisationRole = OrganisationRole.Volunteer,
                TokenHash = Secrets.Hash(secret),
                InvitedById = invitedBy,
                CreatedAt = expires.AddDays(-7),
                ExpiresAt = expires,
            });
            await db.SaveChangesAsync();
        });
        return (secret, email);
    }

    [Theory, BothDatabases]
    public async Task An_expired_invitation_says_so_and_creates_no_account(Db db)
    {
        var app = await fixture.ForAsync(db);
        var admin = await app.CreateAccountAsync();
        var organisation = await app.CreateOrganisationAsync(null, (admin, OrganisationRole.Admin));
        var (secret, email) = await InvitationAsync(app, organisation.Id, admin.Id, DateTimeOffset.UtcNow.AddMinutes(-1));
        var client = app.Browser();

        var page = await client.GetAsync($"/invitations/{secret}");
        Assert.Contains("This invitation has expired", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await client.PostFormAsync($"/invitations/{secret}?handler=Register", new()
        {
            ["Input.DisplayName"] = "Late Comer",
            ["Input.Password"] = "a walk in the park",
            ["Input.ConfirmPassword"] = "a walk in the park",
        }, formPage: $"/invitations/{secret}");
        Assert.False(await app.WithDbAsync(d => d.Users.AnyAsync(u => u.Email == email)));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/invitations/" + Secrets.NewToken())).StatusCode);
    }

    [Theory, BothDatabases]
    public async Task An_open_invitation_creates_the_account_joins_the_organisation_and_works_once(Db db)
    {
        var app = await fixture.ForAsync(db);
        var admin = await app.CreateAccountAsync();
        var organisation = await app.CreateOrganisationAsync(null, (admin, OrganisationRole.Admin));
        var (secret, email) = await InvitationAsync(app, organisation.Id, admin.Id, DateTimeOffset.UtcNow.AddDays(7));
        var client = app.Browser();

        var weak = await client.PostFormAsync($"/invitations/{secret}?handler=Register", new()
        {
            ["Input.DisplayName"] = "Ivy Invitee",
            ["Input.Password"] = "qwertyuiop",
            ["Input.ConfirmPassword"] = "qwertyuiop",
        }, formPage: $"/invitations/{secret}");
        Assert.Contains("too common", await weak.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(d => d.Users.AnyAsync(u => u.Email == email)));

        var done = await client.PostFormAsync($"/invitations/{secret}?handler=Register", new()
        {
            ["Input.DisplayName"] = "Ivy Invitee",
            ["Input.Password"] = "a walk in the park",
            ["Input.ConfirmPassword"] = "a walk in the park",
        }, formPage: $"/invitations/{secret}");
        Assert.Equal($"/organisations/{organisation.Id}", done.Headers.Location?.OriginalString);
        var role = await app.WithDbAsync(d => d.Set<OrganisationMembership>()
            .Where(m => m.OrganisationId == organisation.Id && m.Account!.Email == email).Select(m => m.Role).SingleAsync());
        Assert.Equal(OrganisationRole.Volunteer, role);

        var reuse = await app.Browser().GetAsync($"/invitations/{secret}");
        Assert.Contains("This invitation has been used", await reuse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
