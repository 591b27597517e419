using System.Diagnostics;
using System.Globalization;
using Concord.Bench;
using Concord.Web.Features.Accounts;
using Concord.Web.Features.Ledger;
using Concord.Web.Features.Lessons;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Npgsql;

// The data generator at PRODUCT.md scale and the lessons library search benchmark (docs/BENCHMARKS.md).
//
//   dotnet run -c Release --project bench/Concord.Bench -- [command] [sqlite|postgres|both] [options]
//
//   (no command)  generate, then time the lessons searches (with --reuse: only time them, on the last generated data)
//   generate      a fresh SQLite file and/or a fresh PostgreSQL database with the whole network (about 2 million ledger entries)
//   search        time the lessons library searches on the generated data
//   people        the people bench/load.sh signs in, one a line: e-mail, then their partnerships (largest ledger first)
//   sizes         row counts of the generated data
//
//   --sqlite-file /tmp/concord-bench.db   --postgres "<server connection string>" (default: CONCORD_TEST_POSTGRES)
//   --database concord_bench              --scale 1.0 (0.05 for a quick try-out)   --runs 20 (search)
string[] commands = ["generate", "search", "people", "sizes"];
var positional = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || !args[i - 1].StartsWith("--", StringComparison.Ordinal) || IsFlag(args[i - 1]))).ToList();
var command = positional.FirstOrDefault(commands.Contains) ?? "all";
var target = positional.FirstOrDefault(p => p is "sqlite" or "postgres" or "both") ?? "both";
var reuse = args.Contains("--reuse");
var runs = int.Parse(Option("--runs") ?? "20", CultureInfo.InvariantCulture);
var scale = Scale.Product.Times(double.Parse(Option("--scale") ?? "1", CultureInfo.InvariantCulture));
var sqliteFile = Option("--sqlite-file") ?? Path.Combine(Path.GetTempPath(), "concord-bench.db");
var postgresServer = Option("--postgres") ?? Environment.GetEnvironmentVariable("CONCORD_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres";
var database = Option("--database") ?? "concord_bench";
var log = Console.Error;

var results = new List<string>();
if (target is "sqlite" or "both")
{
    var options = new DbContextOptionsBuilder<SqliteConcordDb>().UseSqlite($"Data Source={sqliteFile}", o => o.CommandTimeout(3600)).Options;
    await RunAsync("SQLite", () => new SqliteConcordDb(options), () =>
    {
        foreach (var f in new[] { sqliteFile, sqliteFile + "-wal", sqliteFile + "-shm" })
        {
            File.Delete(f);
        }

        return Task.CompletedTask;
    });
}

if (target is "postgres" or "both")
{
    var cs = new NpgsqlConnectionStringBuilder(postgresServer) { Database = database, CommandTimeout = 3600 }.ConnectionString;
    var options = new DbContextOptionsBuilder<PostgresConcordDb>().UseNpgsql(cs).Options;
    await RunAsync("PostgreSQL", () => new PostgresConcordDb(options), async () =>
    {
        await using var admin = new NpgsqlConnection(postgresServer);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin);
        await create.ExecuteNonQueryAsync();
    });
}

if (results.Count > 0)
{
    Console.WriteLine();
    Console.WriteLine(string.Join("\n\n", results));
}

return 0;

async Task RunAsync(string name, Func<ConcordDb> newDb, Func<Task> fresh)
{
    if (command is "generate" || (command is "all" && !reuse))
    {
        log.WriteLine($"{name}: generating at scale {scale}");
        await fresh();
        var timer = Stopwatch.StartNew();
        await using (var db = newDb())
        {
            await DatabaseSetup.MigrateAsync(db);
            log.WriteLine($"  migrated in {timer.Elapsed.TotalSeconds:N1} s");
            await NetworkGenerator.GenerateAsync(db, scale, log);
        }

        var finishing = Stopwatch.StartNew();
        await using (var db = newDb())
        {
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
            }
            else
            {
                await db.Database.ExecuteSqlRawAsync($"INSERT INTO {LessonSearchSchema.SqliteFtsTable}({LessonSearchSchema.SqliteFtsTable}) VALUES ('optimize')");
                await db.Database.ExecuteSqlRawAsync("ANALYZE");
                await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)");
            }
        }

        log.WriteLine($"  {(name == "SQLite" ? "search index optimize + ANALYZE + checkpoint" : "VACUUM ANALYZE")}: {finishing.Elapsed.TotalSeconds:N1} s");
        log.WriteLine($"{name}: generated in {timer.Elapsed.TotalSeconds:N0} s");
        await VerifyLargestAsync(name, newDb);
    }

    switch (command)
    {
        case "all":
        case "search":
            results.Add(await LessonSearchBench.RunAsync(name, newDb, runs));
            break;
        case "people":
            await PrintPeopleAsync(newDb);
            break;
        case "sizes":
            await PrintSizesAsync(name, newDb);
            break;
    }
}

// The app's own chain check on the partnership with the longest ledger.
async Task VerifyLargestAsync(string name, Func<ConcordDb> newDb)
{
    await using var db = newDb();
    var largest = await db.Set<LedgerEntry>().GroupBy(e => e.PartnershipId).Select(g => new { g.Key, Count = g.Count() })
        .OrderByDescending(g => g.Count).FirstAsync();
    var timer = Stopwatch.StartNew();
    var verification = await LedgerCommands.VerifyAsync(db, largest.Key, CancellationToken.None);
    log.WriteLine($"{name}: verify of the longest ledger ({largest.Count:N0} entries): {verification.Message} ({timer.Elapsed.TotalSeconds:N1} s)");
    if (!verification.IsIntact)
    {
        throw new InvalidOperationException("The generated ledger does not verify.");
    }
}

async Task PrintPeopleAsync(Func<ConcordDb> newDb)
{
    await using var db = newDb();
    var emails = Enumerable.Range(0, NetworkGenerator.LoadPeople).Select(NetworkGenerator.LoadEmail).ToList();
    var people = await db.Set<Account>().Where(a => emails.Contains(a.Email!)).OrderBy(a => a.Email).Select(a => new { a.Id, a.Email }).ToListAsync();
    var ids = people.Select(p => p.Id).ToList();
    var memberships = await db.Set<PartnershipMembership>().Where(m => ids.Contains(m.AccountId)).Select(m => new { m.AccountId, m.PartnershipId }).ToListAsync();
    var partnershipIds = memberships.Select(m => m.PartnershipId).Distinct().ToList();
    var sizes = await db.Set<LedgerEntry>().Where(e => partnershipIds.Contains(e.PartnershipId)).GroupBy(e => e.PartnershipId)
        .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
    foreach (var person in people)
    {
        var theirs = memberships.Where(m => m.AccountId == person.Id).Select(m => m.PartnershipId).OrderByDescending(p => sizes.GetValueOrDefault(p));
        Console.WriteLine($"{person.Email}\t{string.Join(",", theirs)}");
    }

    log.WriteLine($"{people.Count} people in {partnershipIds.Count} partnerships with {sizes.Values.DefaultIfEmpty().Min():N0}–{sizes.Values.DefaultIfEmpty().Max():N0} ledger entries each");
}

async Task PrintSizesAsync(string name, Func<ConcordDb> newDb)
{
    await using var db = newDb();
    string[] tables =
    [
        "organisations", "accounts", "organisation_memberships", "partnerships", "partners", "partnership_memberships", "ledger_entries",
        "ledger_entry_partners", "commitments", "commitment_updates", "agreement_versions", "agreement_signatures", "readiness_reflections",
        "partner_aims", "objectives", "workstreams", "matrix_cells", "communication_methods", "lessons", "lesson_tags", "audit_entries",
    ];
    Console.WriteLine($"| {name} table | rows |");
    Console.WriteLine("|---|---:|");
    foreach (var table in tables)
    {
        Console.WriteLine($"| {table} | {await db.ScalarLongAsync($"SELECT COUNT(*) FROM \"{table}\""):N0} |");
    }

    var perPartnership = await db.Set<LedgerEntry>().GroupBy(e => e.PartnershipId).Select(g => g.Count()).ToListAsync();
    Console.WriteLine($"\nLedger entries per partnership: {perPartnership.Min():N0} to {perPartnership.Max():N0}; {perPartnership.Count(c => c >= 20_000)} partnerships have 20,000 or more.");
}

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static bool IsFlag(string arg) => arg is "--reuse";
