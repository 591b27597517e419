using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Demo;

public sealed class DemoCommandTests
{
    private const string Loneliness = "Brightwater Together Against Loneliness";
    private const string Generations = "Generations Connect";

    /// <summary>The organisations the demo promises: six, of different kinds.</summary>
    private static readonly (string Name, string Type)[] Organisations =
    [
        ("Silverlinks Older People's Trust", "Charity"),
        ("Kettle and Chat Befriending", "CommunityGroup"),
        ("Brightwater Advice Centre", "Charity"),
        ("Riverside Homes", "HousingAssociation"),
        ("Brightwater Academy", "SchoolOrCollege"),
        ("Brightwater Borough Council Communities Team", "Council"),
    ];

    /// <summary>An account for every role: network roles, and each partnership role in at least one partnership.</summary>
    private static readonly (string Email, string Name, string NetworkRole, string Partnerships)[] Accounts =
    [
        ("nadia.okafor@brightwater.example", "Nadia Okafor", "NetworkAdmin", ""),
        ("leon.hughes@brightwater.example", "Leon Hughes", "LearningTeam", ""),
        ("cara.whitfield@brightwater.example", "Cara Whitfield", "None", $"Coordinator in {Loneliness}; PartnerLead in {Generations}"),
        ("pete.lomas@brightwater.example", "Pete Lomas", "None", $"PartnerLead in {Loneliness}; PartnerLead in {Generations}"),
        ("sam.reid@brightwater.example", "Sam Reid", "None", $"Staff in {Loneliness}"),
        ("val.mensah@brightwater.example", "Val Mensah", "None", $"Volunteer in {Loneliness}"),
        ("steph.greaves@brightwater.example", "Dr Steph Greaves", "None", $"SteeringMember in {Loneliness}"),
        ("owen.finch@brightwater.example", "Owen Finch", "None", $"Observer in {Loneliness}"),
        ("olive.brandt@brightwater.example", "Olive Brandt", "None", $"PartnerLead in {Loneliness}"),
        ("ian.castle@brightwater.example", "Ian Castle", "None", $"PartnerLead in {Loneliness}"),
        ("grace.adeyemi@brightwater.example", "Grace Adeyemi", "None", $"Coordinator in {Generations}"),
        ("rob.delaney@brightwater.example", "Rob Delaney", "None", $"PartnerLead in {Loneliness}; PartnerLead in {Generations}"),
    ];

    [Fact]
    public async Task Demo_json_lists_a_network_with_every_role_and_those_accounts_can_sign_in()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("concord-demo-").FullName;
        var first = JsonDocument.Parse(await RunAsync(dataDirectory, "demo", "--json")).RootElement;
        var demo = JsonDocument.Parse(await RunAsync(dataDirectory, "demo", "--json")).RootElement;

        Assert.Equal("Brightwater Community Partnerships Programme", demo.GetProperty("network").GetString());
        var password = demo.GetProperty("password").GetString()!;
        Assert.Equal("brightwater-demo-walk", password);
        Assert.Equal(Organisations.Order(), demo.GetProperty("organisations").EnumerateArray()
            .Select(o => (o.GetProperty("name").GetString()!, o.GetProperty("type").GetString()!)).Order());
        Assert.Equal(new[] { (Loneliness, "Active"), (Generations, "Forming") }.Order(), demo.GetProperty("partnerships").EnumerateArray()
            .Select(p => (p.GetProperty("name").GetString()!, p.GetProperty("status").GetString()!)).Order());

        var accounts = demo.GetProperty("accounts").EnumerateArray().ToList();
        Assert.Equal(Accounts.Order(), accounts.Select(a => (
            a.GetProperty("email").GetString()!,
            a.GetProperty("name").GetString()!,
            a.GetProperty("networkRole").GetString()!,
            string.Join("; ", a.GetProperty("partnerships").EnumerateArray().Select(p => $"{p.GetProperty("role").GetString()} in {p.GetProperty("name").GetString()}")))).Order());
        // Roles that must use two-step verification (network admins, coordinators) come with their authenticator key; no one else has one.
        foreach (var account in accounts)
        {
            var mustUseTwoStep = account.GetProperty("networkRole").GetString() == "NetworkAdmin" ||
                account.GetProperty("partnerships").EnumerateArray().Any(p => p.GetProperty("role").GetString() == "Coordinator");
            Assert.True(mustUseTwoStep == account.GetProperty("authenticatorKey").ValueKind is JsonValueKind.String, account.ToString());
        }

        // Running it again finds what it made the first time.
        static IEnumerable<string> Ids(JsonElement json, string list) => json.GetProperty(list).EnumerateArray().Select(o => o.GetProperty("id").GetString()!).Order();
        Assert.Equal(Ids(first, "organisations"), Ids(demo, "organisations"));
        Assert.Equal(Ids(first, "partnerships"), Ids(demo, "partnerships"));

        // Against the same SQLite file: the two partnerships share some partners but not all,
        // and the listed password (and key, for two-step roles) really signs in.
        await using var app = await ConcordFactory.CreateAsync(Db.Sqlite, settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:Concord"] = $"Data Source={Path.Combine(dataDirectory, "concord.db")};Foreign Keys=True",
        });
        var partners = await app.WithDbAsync(db => db.Set<Partner>()
            .Select(p => new { Partnership = db.Set<Partnership>().Where(x => x.Id == p.PartnershipId).Select(x => x.Name).Single(), Organisation = db.Set<Organisation>().Where(o => o.Id == p.OrganisationId).Select(o => o.Name).Single() })
            .ToListAsync());
        var loneliness = partners.Where(p => p.Partnership == Loneliness).Select(p => p.Organisation).ToHashSet();
        var generations = partners.Where(p => p.Partnership == Generations).Select(p => p.Organisation).ToHashSet();
        Assert.NotEmpty(loneliness.Intersect(generations));
        Assert.NotEmpty(loneliness.Except(generations));
        Assert.NotEmpty(generations.Except(loneliness));

        var admin = accounts.Single(a => a.GetProperty("networkRole").GetString() == "NetworkAdmin");
        var adminClient = await app.SignInAsync(new TestAccount(Guid.Empty, admin.GetProperty("email").GetString()!, password, admin.GetProperty("authenticatorKey").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await adminClient.GetAsync("/admin/accounts")).StatusCode);
        var staff = await app.SignInAsync(new TestAccount(Guid.Empty, "sam.reid@brightwater.example", password, null));
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/account")).StatusCode);
    }

    private static async Task<string> RunAsync(string dataDirectory, params string[] args)
    {
        var dll = Path.Combine(RepositoryRoot(), "src", "Concord.Web", "bin", "Debug", "net10.0", "Concord.Web.dll");
        var start = new ProcessStartInfo("dotnet", [dll, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dataDirectory,
        };
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["Database__DataDirectory"] = dataDirectory;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"demo exited with {process.ExitCode}: {await errors}");
        return await output;
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Concord.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root.");
    }
}
