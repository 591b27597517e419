using System.Diagnostics;
using System.Security.Claims;
using Concord.Web.Features.Accounts;
using Concord.Web.Features.Lessons;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Concord.Bench;

/// <summary>
/// Times realistic library searches through the app's own LessonSearch (visibility scoping included), as a signed-in
/// member of three partnerships (load01@bench.example) would run them, each on a new DbContext.
/// </summary>
internal static class LessonSearchBench
{
    private sealed record Search(string Name, LessonQuery Query);

    public static async Task<string> RunAsync(string name, Func<ConcordDb> newDb, int runs)
    {
        Guid reader;
        int lessonCount;
        List<Guid> categoryIds;
        await using (var db = newDb())
        {
            reader = await db.Set<Account>().Where(a => a.Email == NetworkGenerator.LoadEmail(0)).Select(a => a.Id).SingleAsync();
            lessonCount = await db.Set<Lesson>().CountAsync();
            categoryIds = await db.Set<LessonCategoryEntry>().OrderBy(c => c.SortOrder).Select(c => c.Id).ToListAsync();
        }

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

    /// <summary>The app's own search, as a signed-in member of three partnerships would run it.</summary>
    private static LessonSearch NewSearch(ConcordDb db, Guid reader)
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, reader.ToString())], "bench")),
        };
        var user = new CurrentUser(new Microsoft.AspNetCore.Http.HttpContextAccessor { HttpContext = context });
        return new LessonSearch(db, user);
    }

    private static double Percentile(List<double> values, int p)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
