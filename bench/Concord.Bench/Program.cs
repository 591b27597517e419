using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Concord.Web.Features.Accounts;
using Concord.Web.Features.Lessons;
using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Npgsql;

// The lessons library benchmark: generates lessons into a fresh SQLite file and a fresh PostgreSQL database,
// then times realistic library searches through the app's own LessonSearch (visibility scoping included).
//
//   dotnet run -c Release --project bench/Concord.Bench -- [sqlite|postgres|both] [--lessons 100000] [--runs 30]
//       [--postgres "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres"]
var target = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "both";
var lessonCount = int.Parse(Option("--lessons") ?? "100000", CultureInfo.InvariantCulture);
var runs = int.Parse(Option("--runs") ?? "30", CultureInfo.InvariantCulture);
var postgresAdmin = Option("--postgres") ?? Environment.GetEnvironmentVariable("CONCORD_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres";

var results = new List<string>();
if (target is "sqlite" or "both")
{
    var file = Path.Combine(Path.GetTempPath(), "concord-bench.db");
    foreach (var f in new[] { file, file + "-wal", file + "-shm" })
    {
        File.Delete(f);
    }

    var options = new DbContextOptionsBuilder<SqliteConcordDb>().UseSqlite($"Data Source={file}").Options;
    results.Add(await Bench.RunAsync("SQLite", () => new SqliteConcordDb(options), lessonCount, runs));
}

if (target is "postgres" or "both")
{
    await using (var admin = new NpgsqlConnection(postgresAdmin))
    {
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand("DROP DATABASE IF EXISTS concord_bench WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
        await using var create = new NpgsqlCommand("CREATE DATABASE concord_bench", admin);
        await create.ExecuteNonQueryAsync();
    }

    var cs = new NpgsqlConnectionStringBuilder(postgresAdmin) { Database = "concord_bench" }.ConnectionString;
    var options = new DbContextOptionsBuilder<PostgresConcordDb>().UseNpgsql(cs).Options;
    results.Add(await Bench.RunAsync("PostgreSQL", () => new PostgresConcordDb(options), lessonCount, runs));
}

Console.WriteLine();
Console.WriteLine(string.Join("\n\n", results));
return 0;

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

internal static class Bench
{
    private sealed record Search(string Name, LessonQuery Query);

    public static async Task<string> RunAsync(string name, Func<ConcordDb> newDb, int lessonCount, int runs)
    {
        Guid reader;
        await using (var db = newDb())
        {
            Console.Error.WriteLine($"{name}: migrating");
            await DatabaseSetup.MigrateAsync(db);
            var timer = Stopwatch.StartNew();
            reader = await Generator.FillAsync(db, lessonCount);
            Console.Error.WriteLine($"{name}: generated {lessonCount:N0} lessons in {timer.Elapsed.TotalSeconds:N0} s");
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
            }
            else
            {
                await db.Database.ExecuteSqlRawAsync($"INSERT INTO {LessonSearchSchema.SqliteFtsTable}({LessonSearchSchema.SqliteFtsTable}) VALUES ('optimize')");
                await db.Database.ExecuteSqlRawAsync("ANALYZE");
            }
        }

        var categoryIds = await Scoped(newDb, db => db.Set<LessonCategoryEntry>().OrderBy(c => c.SortOrder).Select(c => c.Id).ToListAsync());
        Search[] searches =
        [
            new("common word", new LessonQuery("volunteers")),
            new("two words", new LessonQuery("referral form")),
            new("three words", new LessonQuery("shared calendar meetings")),
            new("phrase", new LessonQuery("\"steering group\"")),
            new("word and exclusion", new LessonQuery("funding -budget")),
            new("rare word", new LessonQuery("minibus")),
            new("stemmed word", new LessonQuery("trained")),
            new("word + category", new LessonQuery("volunteers", CategoryId: categoryIds[2])),
            new("word + kind + stage", new LessonQuery("partners", Kind: LessonKind.DidNotWork, Stage: PartnershipStage.SettingUp)),
            new("word + tag", new LessonQuery("schools", Tag: "safeguarding")),
            new("word + type", new LessonQuery("council", PartnershipType: "Health and care")),
            new("word, page 5", new LessonQuery("meetings", Page: 5)),
            new("no words, newest", new LessonQuery()),
            new("no words + category", new LessonQuery(CategoryId: categoryIds[5])),
            new("no words + tag + stage", new LessonQuery(Tag: "transport", Stage: PartnershipStage.During)),
            new("no words, page 50", new LessonQuery(Page: 50)),
            new("no match", new LessonQuery("xylophone")),
        ];

        var all = new List<double>();
        var lines = new List<string>();
        foreach (var search in searches)
        {
            var times = new List<double>();
            int total = 0;
            for (var i = 0; i < runs + 2; i++)
            {
                await using var db = newDb();
                var search1 = NewSearch(db, reader);
                var timer = Stopwatch.StartNew();
                var found = await search1.SearchAsync(search.Query, CancellationToken.None);
                timer.Stop();
                total = found.Total;
                if (i >= 2)
                {
                    times.Add(timer.Elapsed.TotalMilliseconds);
                }
            }

            all.AddRange(times);
            lines.Add($"| {search.Name} | {total:N0} | {Percentile(times, 50):N1} | {Percentile(times, 95):N1} |");
        }

        return $"""
            ### {name}: {lessonCount:N0} lessons, {runs} timed runs per search (after 2 warm-up runs)

            All searches: p50 {Percentile(all, 50):N1} ms, p95 {Percentile(all, 95):N1} ms.

            | Search | Matches | p50 (ms) | p95 (ms) |
            |---|---:|---:|---:|
            {string.Join("\n", lines)}
            """;
    }

    private static async Task<T> Scoped<T>(Func<ConcordDb> newDb, Func<ConcordDb, Task<T>> work)
    {
        await using var db = newDb();
        return await work(db);
    }

    /// <summary>The app's own search, as a signed-in member of three partnerships would run it.</summary>
    private static LessonSearch NewSearch(ConcordDb db, Guid reader)
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, reader.ToString())], "bench")),
        };
        var user = new CurrentUser(new Microsoft.AspNetCore.Http.HttpContextAccessor { HttpContext = context });
        return new LessonSearch(db, user, new LessonAccess(db, user));
    }

    private static double Percentile(List<double> values, int p)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}

/// <summary>Generates a network's worth of lessons from a vocabulary with a realistic spread of common and rare words.</summary>
internal static class Generator
{
    private static readonly string[] Subjects =
    [
        "volunteers", "partners", "the steering group", "the council", "schools", "the funder", "staff", "older people", "students", "the lead partner",
        "referral partners", "the coordinator", "families", "the housing team", "the advice centre", "the GP surgery", "young carers", "trustees",
    ];

    private static readonly string[] Verbs =
    [
        "agreed", "struggled with", "shared", "planned", "changed", "trained for", "reviewed", "delayed", "improved", "paid for", "organised",
        "forgot", "celebrated", "measured", "recorded", "discussed", "funded", "reported on", "booked", "replaced",
    ];

    private static readonly string[] Objects =
    [
        "a referral form", "the budget", "monthly meetings", "a shared calendar", "the data sharing agreement", "transport", "the minibus rota",
        "safeguarding training", "DBS checks", "the newsletter", "room bookings", "volunteer expenses", "the evaluation", "term dates",
        "the exit plan", "a joint training day", "the steering group minutes", "feedback cards", "the website", "the phone line",
        "lunch club sessions", "befriending visits", "the handover note", "funding bids", "the responsibility table", "shared branding",
    ];

    private static readonly string[] Outcomes =
    [
        "and it worked well", "but it took far longer than planned", "which saved hours every week", "and nobody read it", "so referrals went missing",
        "and trust grew between partners", "which the funder welcomed", "but volunteers stopped coming", "and we would do it again",
        "so decisions stalled for a month", "and attendance doubled", "which caused tension", "and it cost more than expected",
    ];

    private static readonly string[] Tags =
    [
        "volunteers", "transport", "safeguarding", "meetings", "budget", "schools", "referrals", "data sharing", "training", "evaluation",
        "communication", "governance", "funding", "exit plan", "older people", "young people", "housing", "advice", "health", "rota",
    ];

    public static async Task<Guid> FillAsync(ConcordDb db, int count)
    {
        var random = new Random(20261201);
        var now = DateTimeOffset.UtcNow;
        var categories = await db.Set<LessonCategoryEntry>().Select(c => c.Id).ToListAsync();
        var organisations = Enumerable.Range(1, 200).Select(i => new Organisation { Name = $"Bench organisation {i}", CreatedAt = now }).ToList();
        db.AddRange(organisations);
        var partnerships = Enumerable.Range(1, 300).Select(i => new Partnership
        {
            Name = $"Bench partnership {i}",
            Purpose = "Benchmark",
            LeadOrganisationId = organisations[i % organisations.Count].Id,
            CreatedAt = now,
        }).ToList();
        db.AddRange(partnerships);
        var accounts = Enumerable.Range(1, 500).Select(i => new Account
        {
            UserName = $"bench{i}@bench.example",
            Email = $"bench{i}@bench.example",
            DisplayName = $"Bench person {i}",
            CreatedAt = now,
        }).ToList();
        db.AddRange(accounts);
        // The reader belongs to three partnerships; everyone else to one.
        var reader = accounts[0];
        for (var i = 0; i < accounts.Count; i++)
        {
            db.Add(new PartnershipMembership { PartnershipId = partnerships[i % partnerships.Count].Id, AccountId = accounts[i].Id, CreatedAt = now });
        }

        db.Add(new PartnershipMembership { PartnershipId = partnerships[1].Id, AccountId = reader.Id, CreatedAt = now });
        db.Add(new PartnershipMembership { PartnershipId = partnerships[2].Id, AccountId = reader.Id, CreatedAt = now });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        const int batch = 2000;
        for (var done = 0; done < count; done += batch)
        {
            for (var i = done; i < Math.Min(count, done + batch); i++)
            {
                var visibilityRoll = random.NextDouble();
                var lesson = new Lesson
                {
                    Title = Capitalise($"{Topics[random.Next(Topics.Length)]}: {Pick(random, Verbs)} {Pick(random, Objects)}"),
                    Context = Sentence(random),
                    WhatHappened = string.Join(" ", Enumerable.Range(0, random.Next(1, 4)).Select(_ => Sentence(random))),
                    Recommendation = random.NextDouble() < 0.7 ? Sentence(random) : null,
                    Kind = (LessonKind)random.Next(4),
                    Stage = random.NextDouble() < 0.9 ? (PartnershipStage)random.Next(4) : null,
                    CategoryId = random.NextDouble() < 0.85 ? categories[random.Next(categories.Count)] : null,
                    PartnershipId = partnerships[random.Next(partnerships.Count)].Id,
                    PartnershipType = LessonOptions.PartnershipTypes[random.Next(LessonOptions.PartnershipTypes.Count)],
                    Visibility = visibilityRoll < 0.6 ? LessonVisibility.Network : visibilityRoll < 0.85 ? LessonVisibility.Partnership : LessonVisibility.Public,
                    Moderation = random.NextDouble() < 0.9 ? ModerationState.Published : ModerationState.Draft,
                    AuthorId = accounts[random.Next(accounts.Count)].Id,
                    CreatedAt = now.AddMinutes(-i * 7),
                    UpdatedAt = now.AddMinutes(-i * 7),
                };
                foreach (var tag in Enumerable.Range(0, random.Next(0, 4)).Select(_ => Pick(random, Tags)).Distinct())
                {
                    lesson.Tags.Add(new LessonTag { LessonId = lesson.Id, Tag = tag });
                }

                LessonCommands.SetLibraryText(lesson, AnonymisationNames.None);
                db.Add(lesson);
            }

            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            if ((done / batch) % 10 == 0)
            {
                Console.Error.WriteLine($"  {done + batch:N0} lessons");
            }
        }

        return reader.Id;
    }

    // Words that make each lesson's topic specific, as real lessons are: most searches pick out a few per cent of lessons.
    private static readonly string[] Topics = BuildTopics();

    private static string[] BuildTopics()
    {
        string[] places = ["library", "church hall", "community centre", "surgery", "school", "college", "park", "leisure centre", "café", "market", "museum", "allotment", "pharmacy", "job centre", "food bank", "housing office", "youth club", "theatre", "gym", "garden"];
        string[] things = ["minibus", "lunch club", "walking group", "choir", "allotments", "befriending", "homework club", "tea dance", "digital skills", "benefits advice", "debt advice", "hospital discharge", "falls prevention", "dementia cafe", "carers group", "bereavement support", "mentoring", "apprenticeships", "art classes", "cookery", "repair cafe", "men's shed", "book club", "gardening", "swimming", "yoga", "chess", "knitting", "podcast", "radio", "newsletter", "survey", "focus group", "interviews", "case studies", "photographs", "video", "social media", "leaflets", "posters"];
        string[] qualities = ["weekly", "monthly", "rural", "urban", "evening", "weekend", "bilingual", "accessible", "free", "paid", "online", "face to face", "drop-in", "booked", "outdoor", "indoor", "seasonal", "pilot", "long-term", "short"];
        return [.. from q in qualities from t in things select $"{q} {t}", .. from t in things from p in places select $"{t} at the {p}"];
    }

    private static string Sentence(Random random) =>
        Capitalise($"{Pick(random, Subjects)} {Pick(random, Verbs)} {Pick(random, Objects)} for the {Topics[random.Next(Topics.Length)]} {Pick(random, Outcomes)}.");

    // Earlier words in each list are picked more often (a Zipf-like spread, as in real text).
    private static string Pick(Random random, string[] words) => words[(int)(Math.Pow(random.NextDouble(), 1.6) * words.Length)];

    private static string Capitalise(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
