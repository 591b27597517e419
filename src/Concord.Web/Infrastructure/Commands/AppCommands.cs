using Concord.Web.Features.Demo;
using Concord.Web.Infrastructure.Database;

namespace Concord.Web.Infrastructure.Commands;

/// <summary>
/// App commands: `dotnet run --project src/Concord.Web -- migrate` (apply the schema),
/// `-- demo [--json]` (load the demo network), `-- verify [partnershipId]` (check the ledgers' hash chains). They share configuration with the web app.
/// </summary>
public static class AppCommands
{
    private static readonly string[] Known = ["migrate", "demo", "verify"];

    public static (string? Command, string[] CommandArgs, string[] HostArgs) Split(string[] args)
    {
        if (args.Length > 0 && Known.Contains(args[0], StringComparer.OrdinalIgnoreCase))
        {
            var rest = args.Skip(1).ToArray();
            var commandArgs = rest.Where(a => a is "--json" || Guid.TryParse(a, out _)).ToArray();
            var hostArgs = rest.Where(a => a is not "--json" && !Guid.TryParse(a, out _)).ToArray();
            return (args[0].ToLowerInvariant(), commandArgs, hostArgs);
        }

        return (null, [], args);
    }

    public static async Task<int> RunAsync(WebApplication app, string command, string[] args)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConcordDb>();
        switch (command)
        {
            case "migrate":
                await DatabaseSetup.MigrateAsync(db);
                Console.WriteLine("The database schema is up to date.");
                return 0;
            case "demo":
                if (app.Services.GetRequiredService<DatabaseOptions>().Provider == DatabaseProvider.Sqlite)
                {
                    await DatabaseSetup.MigrateAsync(db);
                }

                var seeder = ActivatorUtilities.CreateInstance<DemoNetwork>(scope.ServiceProvider);
                var result = await seeder.LoadAsync();
                Console.WriteLine(args.Contains("--json") ? result.ToJson() : result.ToText());
                return 0;
            case "verify":
                return await Features.Ledger.LedgerVerifyCommand.RunAsync(db, args, Console.Out);
            default:
                await Console.Error.WriteLineAsync($"Unknown command '{command}'.");
                return 2;
        }
    }
}
