using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Concord.Tests.Infrastructure;

namespace Concord.Tests.Demo;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_json_lists_a_network_with_every_role_and_those_accounts_can_sign_in()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("concord-demo-").FullName;
        var first = await RunAsync(dataDirectory, "demo", "--json");
        var second = await RunAsync(dataDirectory, "demo", "--json");

        var demo = JsonDocument.Parse(second).RootElement;
        Assert.Equal(JsonDocument.Parse(first).RootElement.GetProperty("organisations").GetArrayLength(), demo.GetProperty("organisations").GetArrayLength());
        Assert.True(demo.GetProperty("organisations").GetArrayLength() >= 6);
        Assert.True(demo.GetProperty("organisations").EnumerateArray().Select(o => o.GetProperty("type").GetString()).Distinct().Count() >= 5);
        Assert.Equal(2, demo.GetProperty("partnerships").GetArrayLength());

        var accounts = demo.GetProperty("accounts").EnumerateArray().ToList();
        var roles = accounts.SelectMany(a => a.GetProperty("partnerships").EnumerateArray().Select(p => p.GetProperty("role").GetString()))
            .Concat(accounts.Select(a => a.GetProperty("networkRole").GetString()))
            .ToHashSet();
        foreach (var role in new[] { "NetworkAdmin", "LearningTeam", "Coordinator", "PartnerLead", "Staff", "Volunteer", "SteeringMember", "Observer" })
        {
            Assert.Contains(role, roles);
        }

        // Two partnerships that share some organisations but not all.
        var memberships = accounts.SelectMany(a => a.GetProperty("organisations").EnumerateArray()).Select(o => o.GetProperty("name").GetString()).ToHashSet();
        Assert.NotEmpty(memberships);

        // The listed password and key really sign in (against the same SQLite file).
        await using var app = await ConcordFactory.CreateAsync(Db.Sqlite, settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:Concord"] = $"Data Source={Path.Combine(dataDirectory, "concord.db")};Foreign Keys=True",
        });
        var admin = accounts.First(a => a.GetProperty("networkRole").GetString() == "NetworkAdmin");
        var client = await app.SignInAsync(new TestAccount(Guid.Empty, admin.GetProperty("email").GetString()!,
            demo.GetProperty("password").GetString()!, admin.GetProperty("authenticatorKey").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/accounts")).StatusCode);
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
