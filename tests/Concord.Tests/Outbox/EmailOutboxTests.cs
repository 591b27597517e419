using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Accounts;
using Concord.Web.Features.Audit;
using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Tests.Outbox;

/// <summary>
/// E-mail that cannot leave Concord is visible: network admins are warned (and nobody else), the outbox page shows each
/// message's state without its body, a failed message can be sent again, and whoever invites someone gets the link to send
/// themselves, with honest words about the e-mail.
/// </summary>
public sealed partial class EmailOutboxTests
{
    private const string NotSetUp = "no mail server is set up";
    private const string NotBeingSent = "E-mail is not being sent";

    private static Dictionary<string, string?> NoMailServer => new() { ["Email:SmtpHost"] = "" };

    private static async Task<(TestAccount Admin, TestAccount Coordinator, Partnership Partnership)> PeopleAsync(ConcordFactory app)
    {
        var admin = await app.CreateAccountAsync(role: NetworkRole.NetworkAdmin, name: "Nina Admin");
        var coordinator = await app.CreateAccountAsync(twoFactor: true, name: "Cora Coordinator");
        var organisation = await app.CreateOrganisationAsync(null, (coordinator, OrganisationRole.Admin));
        var partnership = await app.CreatePartnershipAsync(organisation, (coordinator, PartnershipRole.Coordinator));
        return (admin, coordinator, partnership);
    }

    private static async Task<string> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static async Task<HttpResponseMessage> InviteAsync(HttpClient coordinator, Guid partnershipId, string email)
    {
        var response = await coordinator.PostFormAsync($"/partnerships/{partnershipId}/people/add?handler=Invite", new()
        {
            ["Invite.Email"] = email,
            ["Invite.Role"] = nameof(PartnershipRole.Volunteer),
        }, formPage: $"/partnerships/{partnershipId}/people/add");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/partnerships/{partnershipId}/people", response.Headers.Location?.OriginalString);
        return response;
    }

    private static async Task<Guid> QueueAsync(ConcordFactory app, string to, string subject, string body, int attempts = 0, string? error = null)
    {
        return await app.WithDbAsync(async db =>
        {
            var message = new OutboxMessage
            {
                To = to,
                Subject = subject,
                TextBody = body,
                CreatedAt = DateTimeOffset.UtcNow,
                NextAttemptAt = DateTimeOffset.UtcNow.AddHours(1),
                Attempts = attempts,
                LastError = error,
            };
            db.Add(message);
            await db.SaveChangesAsync();
            return message.Id;
        });
    }

    [Theory, BothDatabases]
    public async Task Without_a_mail_server_network_admins_are_warned_and_the_inviter_gets_the_link_to_send_themselves(Db db)
    {
        await using var app = await ConcordFactory.CreateAsync(db, settings: NoMailServer);
        var (admin, coordinator, partnership) = await PeopleAsync(app);
        var adminBrowser = await app.SignInAsync(admin);
        var coordinatorBrowser = await app.SignInAsync(coordinator);

        var adminHome = await PageAsync(adminBrowser, "/");
        Assert.Contains(NotSetUp, adminHome, StringComparison.Ordinal);
        Assert.Contains("href=\"/outbox?show=unsent\"", adminHome, StringComparison.Ordinal);
        Assert.DoesNotContain(NotSetUp, await PageAsync(coordinatorBrowser, "/"), StringComparison.Ordinal);
        Assert.DoesNotContain(NotSetUp, await PageAsync(coordinatorBrowser, $"/partnerships/{partnership.Id}/people"), StringComparison.Ordinal);

        var invitee = TestPeople.UniqueEmail("invitee");
        await InviteAsync(coordinatorBrowser, partnership.Id, invitee);
        var people = await PageAsync(coordinatorBrowser, $"/partnerships/{partnership.Id}/people");
        Assert.Contains($"The invitation for {invitee} is ready, but Concord cannot send e-mail because no mail server is set up", people, StringComparison.Ordinal);
        Assert.DoesNotContain("We sent", people, StringComparison.Ordinal);
        var link = LinkOnPage().Match(people);
        Assert.True(link.Success, "The people page shows no invitation link.");

        // The link shown is the invitation's own: its secret's hash is the one stored.
        var secret = link.Groups[1].Value;
        Assert.True(await app.WithDbAsync(d => d.Set<Invitation>().AnyAsync(i => i.Email == invitee && i.TokenHash == Secrets.Hash(secret))));
        var invited = await PageAsync(app.Browser(), new Uri(link.Value).PathAndQuery);
        Assert.Contains($"invited you to join <strong>{partnership.Name}</strong>", invited, StringComparison.Ordinal);

        // Shown once.
        Assert.DoesNotContain(secret, await PageAsync(coordinatorBrowser, $"/partnerships/{partnership.Id}/people"), StringComparison.Ordinal);

        // The admin's warning counts what is waiting, and the outbox lists it without the secret link.
        Assert.Contains("1 e-mail is waiting", await PageAsync(adminBrowser, "/admin/accounts"), StringComparison.Ordinal);
        var outbox = await PageAsync(adminBrowser, "/outbox");
        Assert.Contains(invitee, outbox, StringComparison.Ordinal);
        Assert.Contains("Waiting for a mail server", outbox, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, outbox, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task When_the_mail_server_cannot_be_reached_admins_see_the_failure_and_its_error(Db db)
    {
        await using var app = await ConcordFactory.CreateAsync(db, settings: new Dictionary<string, string?>
        {
            ["Email:SmtpHost"] = "127.0.0.1",
            ["Email:SmtpPort"] = ClosedPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var (admin, coordinator, partnership) = await PeopleAsync(app);
        var adminBrowser = await app.SignInAsync(admin);
        var coordinatorBrowser = await app.SignInAsync(coordinator);
        Assert.DoesNotContain(NotBeingSent, await PageAsync(adminBrowser, "/"), StringComparison.Ordinal);

        var invitee = TestPeople.UniqueEmail("invitee");
        await InviteAsync(coordinatorBrowser, partnership.Id, invitee);

        // The sender records why it could not connect on the message itself.
        var error = await WaitForAsync(() => app.WithDbAsync(d => d.Set<OutboxMessage>().Where(m => m.To == invitee && m.LastError != null)
            .Select(m => m.LastError).FirstOrDefaultAsync()));
        var home = await PageAsync(adminBrowser, "/");
        Assert.Contains(NotBeingSent, home, StringComparison.Ordinal);
        Assert.Contains(error, home, StringComparison.Ordinal);
        Assert.DoesNotContain(NotBeingSent, await PageAsync(coordinatorBrowser, "/"), StringComparison.Ordinal);

        var outbox = await PageAsync(adminBrowser, "/outbox?show=unsent");
        Assert.Contains(invitee, outbox, StringComparison.Ordinal);
        Assert.Contains("Failed: will try again", outbox, StringComparison.Ordinal);
        Assert.Contains(error, outbox, StringComparison.Ordinal);

        // Someone inviting while mail fails is told so.
        var second = TestPeople.UniqueEmail("second");
        await InviteAsync(coordinatorBrowser, partnership.Id, second);
        Assert.Contains($"The invitation e-mail to {second} is waiting to be sent, but Concord has had trouble sending e-mail recently",
            await PageAsync(coordinatorBrowser, $"/partnerships/{partnership.Id}/people"), StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task A_network_admin_sends_a_failed_message_again_and_it_arrives(Db db)
    {
        await using var app = await ConcordFactory.CreateAsync(db);
        var (admin, coordinator, _) = await PeopleAsync(app);
        var to = TestPeople.UniqueEmail("reset");
        const string secretLink = "http://localhost/account/reset-password?code=only-for-the-person";
        var id = await QueueAsync(app, to, "Reset your Concord password", "Open this link: " + secretLink, attempts: 8, error: "Mailbox unavailable");
        var adminBrowser = await app.SignInAsync(admin);

        var home = await PageAsync(adminBrowser, "/");
        Assert.Contains(NotBeingSent, home, StringComparison.Ordinal);
        Assert.Contains("Mailbox unavailable", home, StringComparison.Ordinal);
        var outbox = await PageAsync(adminBrowser, "/outbox");
        Assert.Contains(to, outbox, StringComparison.Ordinal);
        Assert.Contains("Reset your Concord password", outbox, StringComparison.Ordinal);
        Assert.Contains("Not sent: gave up", outbox, StringComparison.Ordinal);
        Assert.DoesNotContain("only-for-the-person", outbox, StringComparison.Ordinal);

        // Nobody else opens the outbox or sends anything again.
        var coordinatorBrowser = await app.SignInAsync(coordinator);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinatorBrowser.GetAsync("/outbox")).StatusCode);
        var token = await PageTestPeople.AntiforgeryTokenAsync(coordinatorBrowser, "/");
        Assert.Equal(HttpStatusCode.NotFound, (await PageTestPeople.PostFormAsync(coordinatorBrowser, "/outbox?handler=Resend", token, ("messageId", id.ToString()))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PageTestPeople.PostFormAsync(coordinatorBrowser, "/outbox?handler=ResendFailed", token)).StatusCode);
        Assert.Equal(8, await app.WithDbAsync(d => d.Set<OutboxMessage>().Where(m => m.Id == id).Select(m => m.Attempts).SingleAsync()));

        // Without the antiforgery token the admin's post is refused too.
        Assert.Equal(HttpStatusCode.BadRequest, (await adminBrowser.PostAsync("/outbox?handler=Resend",
            new FormUrlEncodedContent([new("messageId", id.ToString())]))).StatusCode);

        var resend = await adminBrowser.PostFormAsync("/outbox?handler=Resend", new() { ["messageId"] = id.ToString() }, formPage: "/outbox");
        Assert.Equal(HttpStatusCode.Redirect, resend.StatusCode);
        var mail = await SmtpTestServer.Instance.WaitForMessageAsync(to, "Reset your Concord password");
        Assert.Contains(secretLink, mail.TextBody, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(d => d.Set<AuditEntry>().AnyAsync(a => a.Action == AuditActions.EmailResent && a.SubjectId == id && a.ActorId == admin.Id)));

        await WaitForAsync(async () => await app.WithDbAsync(d => d.Set<OutboxMessage>().AnyAsync(m => m.Id == id && m.SentAt != null)) ? "sent" : null);
        Assert.DoesNotContain(NotBeingSent, await PageAsync(adminBrowser, "/"), StringComparison.Ordinal);
        var after = await PageAsync(adminBrowser, "/outbox");
        Assert.Contains("Sent", after, StringComparison.Ordinal);

        // A sent message is not sent twice; an unknown one is 404.
        var again = await adminBrowser.PostFormAsync("/outbox?handler=Resend", new() { ["messageId"] = id.ToString() }, formPage: "/outbox");
        Assert.Contains("already been sent", await PageAsync(adminBrowser, again.Headers.Location!.OriginalString), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await adminBrowser.PostFormAsync("/outbox?handler=Resend", new() { ["messageId"] = Guid.NewGuid().ToString() }, formPage: "/outbox")).StatusCode);
    }

    [Theory, BothDatabases]
    public async Task The_outbox_is_paged_newest_first_and_failed_messages_can_all_be_tried_again(Db db)
    {
        await using var app = await ConcordFactory.CreateAsync(db, settings: NoMailServer);
        var (admin, _, _) = await PeopleAsync(app);
        await app.WithDbAsync(async d =>
        {
            var start = DateTimeOffset.UtcNow.AddHours(-1);
            for (var i = 0; i < 30; i++)
            {
                d.Add(new OutboxMessage
                {
                    To = $"person{i:00}@test.example",
                    Subject = $"Message {i:00}",
                    TextBody = "Hello",
                    CreatedAt = start.AddMinutes(i),
                    NextAttemptAt = start.AddHours(2),
                    Attempts = i % 2,
                    LastError = i % 2 == 1 ? "Temporary failure" : null,
                });
            }

            await d.SaveChangesAsync();
        });
        var browser = await app.SignInAsync(admin);

        var first = await PageAsync(browser, "/outbox");
        Assert.Contains("Page 1 of 2 (30 e-mails)", first, StringComparison.Ordinal);
        Assert.Contains("Message 29", first, StringComparison.Ordinal);
        Assert.DoesNotContain("Message 04", first, StringComparison.Ordinal);
        var second = await PageAsync(browser, "/outbox?page=2");
        Assert.Contains("Message 04", second, StringComparison.Ordinal);
        Assert.DoesNotContain("Message 05", second, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync("/outbox?page=0")).StatusCode);

        Assert.Contains("15 unsent e-mails have failed", first, StringComparison.Ordinal);
        var all = await browser.PostFormAsync("/outbox?handler=ResendFailed", [], formPage: "/outbox");
        Assert.Equal(HttpStatusCode.Redirect, all.StatusCode);
        Assert.Contains("try to send 15 failed e-mails again", await PageAsync(browser, all.Headers.Location!.OriginalString), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<OutboxMessage>().CountAsync(m => m.LastError != null && m.Attempts > 0)));
        Assert.True(await app.WithDbAsync(d => d.Set<AuditEntry>().AnyAsync(a => a.Action == AuditActions.EmailResent && a.ActorId == admin.Id)));
    }

    [Theory, BothDatabases]
    public async Task The_inviter_sees_that_the_email_is_queued_and_the_same_link_once(Db db)
    {
        await using var app = await ConcordFactory.CreateAsync(db);
        var (_, coordinator, partnership) = await PeopleAsync(app);
        var browser = await app.SignInAsync(coordinator);
        var invitee = TestPeople.UniqueEmail("invitee");

        await InviteAsync(browser, partnership.Id, invitee);
        var people = await PageAsync(browser, $"/partnerships/{partnership.Id}/people");
        Assert.Contains($"The invitation e-mail to {invitee} is queued", people, StringComparison.Ordinal);
        Assert.Contains("If the e-mail does not arrive, send this link to them yourself", people, StringComparison.Ordinal);
        var shown = LinkOnPage().Match(people).Value;
        var mail = await SmtpTestServer.Instance.WaitForMessageAsync(invitee, "invited");
        Assert.Contains(shown, mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(shown, await PageAsync(browser, $"/partnerships/{partnership.Id}/people"), StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task The_invitation_api_answers_with_the_link_and_what_happened_to_the_email(Db db)
    {
        await using var app = await ConcordFactory.CreateAsync(db, settings: NoMailServer);
        var orgAdmin = await app.CreateAccountAsync();
        var organisation = await app.CreateOrganisationAsync(null, (orgAdmin, OrganisationRole.Admin));
        var api = await app.ApiAsync(orgAdmin);
        var invitee = TestPeople.UniqueEmail("invitee");

        var created = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/organisations/{organisation.Id}/invitations", new { email = invitee, role = "Staff" }),
            HttpStatusCode.Created);
        Assert.Equal("NotConfigured", created.GetProperty("emailStatus").GetString());
        var link = created.GetProperty("link").GetString()!;
        var secret = link[(link.LastIndexOf('/') + 1)..];
        Assert.True(await app.WithDbAsync(d => d.Set<Invitation>().AnyAsync(i => i.Email == invitee && i.TokenHash == Secrets.Hash(secret))));

        // The organisation's invitation page gives its admin the link the same way, at the top of the organisation's page.
        var browser = await app.SignInAsync(orgAdmin);
        var other = TestPeople.UniqueEmail("volunteer");
        var invited = await browser.PostFormAsync($"/organisations/{organisation.Id}/invite", new()
        {
            ["Input.Email"] = other,
            ["Input.Role"] = nameof(OrganisationRole.Volunteer),
        });
        Assert.Equal($"/organisations/{organisation.Id}", invited.Headers.Location?.OriginalString);
        var details = await PageAsync(browser, $"/organisations/{organisation.Id}");
        Assert.Contains($"The invitation for {other} is ready, but Concord cannot send e-mail", details, StringComparison.Ordinal);
        var shown = LinkOnPage().Match(details);
        Assert.True(await app.WithDbAsync(d => d.Set<Invitation>().AnyAsync(i => i.Email == other && i.TokenHash == Secrets.Hash(shown.Groups[1].Value))));
    }

    [Fact]
    public async Task The_warning_costs_other_people_no_query_and_admins_one_read_per_bound()
    {
        await using var app = await ConcordFactory.CreateAsync(Db.Sqlite, settings: NoMailServer, services: RequestCommandLog.AddTo);
        var (admin, coordinator, _) = await PeopleAsync(app);
        var log = app.Services.GetRequiredService<RequestCommandLog>();
        var coordinatorBrowser = await app.SignInAsync(coordinator);
        var adminBrowser = await app.SignInAsync(admin);

        log.Take();
        await PageAsync(coordinatorBrowser, "/guidance");
        Assert.DoesNotContain(log.Take(), sql => sql.Contains("outbox_messages", StringComparison.Ordinal));

        await PageAsync(adminBrowser, "/guidance");
        log.Take();
        Assert.Contains(NotSetUp, await PageAsync(adminBrowser, "/guidance"), StringComparison.Ordinal);
        Assert.DoesNotContain(log.Take(), sql => sql.Contains("outbox_messages", StringComparison.Ordinal));
    }

    /// <summary>Waits (up to a deadline) until the check gives a value: the outbox sender runs on its own timer.</summary>
    private static async Task<string> WaitForAsync(Func<Task<string?>> check)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (await check() is { } value)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < until, "Timed out waiting for the outbox sender.");
            await Task.Delay(100);
        }
    }

    private static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [GeneratedRegex(@"https?://[^\s""<]+/invitations/([A-Za-z0-9_\-]+)")]
    private static partial Regex LinkOnPage();
}
