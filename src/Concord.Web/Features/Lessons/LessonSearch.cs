using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Lessons;

/// <summary>What someone asks the library for.</summary>
public sealed record LessonQuery(
    string? Q = null, Guid? CategoryId = null, LessonKind? Kind = null, PartnershipStage? Stage = null,
    string? Tag = null, string? PartnershipType = null, int Page = 1, int PageSize = 20);

/// <summary>One lesson found, with its title and a snippet as safe HTML (text escaped, matches in &lt;mark&gt;).</summary>
public sealed record LessonHit(Lesson Lesson, string TitleHtml, string SnippetHtml, double Rank);

public sealed record LessonResults(IReadOnlyList<LessonHit> Items, int Total, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>True when there are more matches than were counted (<see cref="LessonSearch.CountCap"/>).</summary>
    public bool MoreThanCounted => Total > LessonSearch.CountCap;

    public bool HasNextPage => Page < PageCount || (MoreThanCounted && Items.Count == PageSize);
}

/// <summary>
/// The library's search: full text (SQLite FTS5 with bm25; PostgreSQL websearch_to_tsquery with ts_rank and
/// ts_headline) over what the library shows of a lesson, filtered and visibility-scoped in the SQL, ranked,
/// a page at a time. Without words it lists the newest lessons.
/// </summary>
public sealed partial class LessonSearch(ConcordDb db, CurrentUser user)
{
    // Markers for highlighted matches: control characters that never survive into HTML as text.
    private const char MarkStart = '\u0001';
    private const char MarkEnd = '\u0002';
    private const string PostgresHeadlineOptions = "StartSel=\u0001, StopSel=\u0002, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=\" … \"";
    private const string PostgresTitleOptions = "StartSel=\u0001, StopSel=\u0002, HighlightAll=true";

    /// <summary>Totals are counted up to this many; beyond it the library says "more than 1,000".</summary>
    public const int CountCap = 1000;

    /// <summary>How many of the newest matches are ranked by relevance.</summary>
    public const int RankWindow = 1000;

    private sealed class Row
    {
        public Guid Id { get; set; }
        public double Rank { get; set; }
        public string Title { get; set; } = "";
        public string Snippet { get; set; } = "";

        public int Total { get; set; }
    }

    public Task<LessonResults> SearchAsync(LessonQuery query, CancellationToken ct) => SearchAsync(query, publicOnly: false, ct);

    /// <summary>The public library (no account needed): published public lessons only, whoever asks.</summary>
    public Task<LessonResults> SearchPublicAsync(LessonQuery query, CancellationToken ct) => SearchAsync(query, publicOnly: true, ct);

    private async Task<LessonResults> SearchAsync(LessonQuery query, bool publicOnly, CancellationToken ct)
    {
        var words = query.Q?.Trim();
        var isPostgres = db.Database.IsNpgsql();
        var ftsWords = isPostgres || string.IsNullOrEmpty(words) ? null : ToFtsQuery(words);
        var listing = string.IsNullOrEmpty(words) || (!isPostgres && ftsWords is null);

        var readerId = publicOnly ? null : user.IdOrNull;
        var readerPartnerships = readerId is { } rid
            ? await db.Set<PartnershipMembership>().Where(m => m.AccountId == rid).Select(m => m.PartnershipId).Distinct().ToListAsync(ct)
            : [];
        var facets = LessonFacets.For(query, readerPartnerships, publicOnly);
        // What the reader may see, checked on the rows (the facets above say the same to the index).
        string Visible(string mine) => publicOnly ? "l.\"Visibility\" = 'Public'" : $"(l.\"Visibility\" <> 'Partnership'{mine})";

        var parameters = new List<object>();
        string P(object value)
        {
            parameters.Add(value);
            return "{" + (parameters.Count - 1) + "}";
        }

        var skip = (query.Page - 1) * query.PageSize;
        // Ranking is done over the newest matches only (RankWindow, or more for deep pages): a search that matches
        // a large part of the library stays fast, and anything narrower is ranked in full.
        var window = Math.Max(RankWindow, skip + query.PageSize);
        string countSql, pageSql;
        if (listing)
        {
            string listFrom;
            if (!LessonFacets.HasFilters(query))
            {
                // Only what the reader may see: read the CreatedAt index newest first (the unary + keeps SQLite
                // from choosing the moderation index and sorting the whole library; the public library does want
                // that index: (Moderation, Visibility, CreatedAt) holds exactly its lessons in order).
                var mine = readerPartnerships.Count == 0 ? "" : $" OR l.\"PartnershipId\" IN ({string.Join(", ", readerPartnerships.Select(id => P(Id(id))))})";
                listFrom = $"FROM lessons l WHERE {(isPostgres || publicOnly ? "" : "+")}l.\"Moderation\" = 'Published' AND {Visible(mine)}";
                countSql = $"SELECT count(*) AS \"Value\" FROM (SELECT 1 {listFrom} LIMIT {CountCap + 1}) c";
            }
            else if (isPostgres)
            {
                var f = P(LessonFacets.ToTsQuery(facets));
                listFrom = $"FROM lessons l WHERE l.\"{LessonSearchSchema.PostgresVectorColumn}\" @@ to_tsquery('simple', {f})";
                countSql = $"SELECT count(*)::int AS \"Value\" FROM (SELECT 1 {listFrom} LIMIT {CountCap + 1}) c";
            }
            else
            {
                var fts = LessonSearchSchema.SqliteFtsTable;
                var f = P(LessonFacets.ToFts(facets));
                listFrom = $"FROM lessons l WHERE l.rowid IN (SELECT rowid FROM {fts} WHERE {fts} MATCH {f})";
                countSql = $"SELECT count(*) AS \"Value\" FROM (SELECT 1 FROM {fts} WHERE {fts} MATCH {f} LIMIT {CountCap + 1})";
            }

            var listPageSql = $"SELECT l.\"Id\" AS \"Value\" {listFrom} ORDER BY l.\"CreatedAt\" DESC, l.\"Id\" LIMIT {query.PageSize} OFFSET {skip}";
            var listArgs = parameters.ToArray();
            var listTotal = await db.Database.SqlQueryRaw<int>(countSql, listArgs).SingleAsync(ct);
            var listIds = listTotal == 0 ? [] : await db.Database.SqlQueryRaw<Guid>(listPageSql, listArgs).ToListAsync(ct);
            var found = await LoadAsync(listIds, ct);
            var listed = listIds.Where(found.ContainsKey).Select(id => found[id])
                .Select(l => new LessonHit(l, HtmlEncoder.Default.Encode(l.LibraryTitle), HtmlEncoder.Default.Encode(Shorten(l.LibraryText, 240)), 0)).ToList();
            return new LessonResults(listed, listTotal, query.Page, query.PageSize);
        }

        if (isPostgres)
        {
            // The GIN index answers the words AND the selective filters (facets, weight D, add nothing to the rank);
            // what the reader may see is checked on the rows, because its tokens match most of the library.
            // The newest matches (up to the window) are ranked; the same set gives the count.
            var q = P(words!);
            var filters = LessonFacets.Filters(query);
            var tsquery = filters.Count == 0
                ? $"websearch_to_tsquery('english', {q})"
                : $"(websearch_to_tsquery('english', {q}) && to_tsquery('simple', {P(LessonFacets.ToTsQuery(filters))}))";
            var w = P("{0, 0, 0.4, 1}"); // weights D, C, B, A
            var mine = readerPartnerships.Count == 0 ? "" : $" OR l.\"PartnershipId\" IN ({string.Join(", ", readerPartnerships.Select(id => P(id)))})";
            var vector = $"l.\"{LessonSearchSchema.PostgresVectorColumn}\"";
            var pgWindow = Math.Max(CountCap + 1, skip + query.PageSize);
            pageSql = $"""
                WITH candidates AS (
                         SELECT l."Id", {vector} AS v, l."CreatedAt" FROM lessons l
                         WHERE {vector} @@ {tsquery} AND l."Moderation" = 'Published' AND {Visible(mine)}
                         ORDER BY l."CreatedAt" DESC LIMIT {pgWindow}),
                     ranked AS (
                         SELECT c."Id", c."CreatedAt", ts_rank({w}::float4[], c.v, websearch_to_tsquery('english', {q}))::float8 AS "Rank"
                         FROM (SELECT * FROM candidates ORDER BY "CreatedAt" DESC LIMIT {Math.Max(RankWindow, skip + query.PageSize)}) c),
                     page AS (SELECT * FROM ranked ORDER BY "Rank" DESC, "CreatedAt" DESC, "Id" LIMIT {query.PageSize} OFFSET {skip})
                SELECT page."Id", page."Rank", (SELECT count(*)::int FROM candidates) AS "Total",
                       ts_headline('english', l."LibraryTitle", websearch_to_tsquery('english', {q}), {P(PostgresTitleOptions)}) AS "Title",
                       ts_headline('english', l."LibraryText", websearch_to_tsquery('english', {q}), {P(PostgresHeadlineOptions)}) AS "Snippet"
                FROM page JOIN lessons l ON l."Id" = page."Id"
                ORDER BY page."Rank" DESC, page."CreatedAt" DESC, page."Id"
                """;
            var pgCountSql = $"SELECT count(*)::int AS \"Value\" FROM (SELECT 1 FROM lessons l WHERE {vector} @@ {tsquery} AND l.\"Moderation\" = 'Published' AND {Visible(mine)} LIMIT {CountCap + 1}) c";
            var pgArgs = parameters.ToArray();
            var pgRows = await db.Database.SqlQueryRaw<Row>(pageSql, pgArgs).ToListAsync(ct);
            var pgTotal = pgRows.Count > 0
                ? pgRows[0].Total
                : skip == 0 ? 0 : await db.Database.SqlQueryRaw<int>(pgCountSql, pgArgs).SingleAsync(ct);
            var pgLessons = await LoadAsync(pgRows.Select(r => r.Id).ToList(), ct);
            var pgHits = pgRows.Where(r => pgLessons.ContainsKey(r.Id))
                .Select(r => new LessonHit(pgLessons[r.Id], Highlight(r.Title), Highlight(r.Snippet), r.Rank)).ToList();
            return new LessonResults(pgHits, pgTotal, query.Page, query.PageSize);
        }
        else
        {
            return await SqliteWordSearchAsync(query, ftsWords!, facets, skip, ct);
        }

        object Id(Guid id) => isPostgres ? id : id.ToString().ToUpperInvariant();
    }

    /// <summary>
    /// SQLite: the newest matches of words AND facets come straight from the FTS5 index in rowid order (rowids grow
    /// with inserts), which also gives the count; bm25 then ranks just those rows on the words alone (ranking
    /// with the facet phrases in the expression costs twice as much), and the page gets its highlights.
    /// </summary>
    private async Task<LessonResults> SqliteWordSearchAsync(
        LessonQuery query, string ftsWords, IReadOnlyList<IReadOnlyList<string>> facets, int skip, CancellationToken ct)
    {
        var fts = LessonSearchSchema.SqliteFtsTable;
        var wordsOnly = $"{{LibraryTitle LibraryText}} : ({ftsWords})";
        var window = Math.Max(Math.Max(RankWindow, CountCap + 1), skip + query.PageSize);
        var newestSql = $"SELECT rowid AS \"Value\" FROM {fts} WHERE {fts} MATCH {{0}} ORDER BY rowid DESC LIMIT {window}";
        var newest = await db.Database.SqlQueryRaw<long>(newestSql, $"{wordsOnly} AND {LessonFacets.ToFts(facets)}").ToListAsync(ct);
        var total = Math.Min(newest.Count, CountCap + 1);
        if (newest.Count == 0 || skip >= newest.Count)
        {
            return new LessonResults([], total, query.Page, query.PageSize);
        }

        const string p0 = "{0}", p1 = "{1}", p2 = "{2}";
        var rankSql = $"""
            WITH page AS (
                SELECT rowid AS rid, bm25({fts}, 5.0, 1.0, 0.0) AS score FROM {fts}
                WHERE {fts} MATCH {p0} AND rowid >= {p1} AND (rowid + 0) IN (SELECT value FROM json_each({p2}))
                ORDER BY score, rowid DESC LIMIT {query.PageSize} OFFSET {skip})
            SELECT l."Id" AS "Id", -page.score AS "Rank", 0 AS "Total",
                   highlight({fts}, 0, char(1), char(2)) AS "Title",
                   snippet({fts}, 1, char(1), char(2), ' … ', 30) AS "Snippet"
            FROM page CROSS JOIN {fts} CROSS JOIN lessons l
            WHERE {fts} MATCH {p0} AND {fts}.rowid = page.rid AND l.rowid = page.rid
            ORDER BY page.score, page.rid DESC
            """;
        var rows = await db.Database.SqlQueryRaw<Row>(rankSql, wordsOnly, newest[^1], "[" + string.Join(",", newest) + "]").ToListAsync(ct);
        var lessons = await LoadAsync(rows.Select(r => r.Id).ToList(), ct);
        var hits = rows.Where(r => lessons.ContainsKey(r.Id))
            .Select(r => new LessonHit(lessons[r.Id], Highlight(r.Title), Highlight(r.Snippet), r.Rank)).ToList();
        return new LessonResults(hits, total, query.Page, query.PageSize);
    }

    private Task<Dictionary<Guid, Lesson>> LoadAsync(List<Guid> ids, CancellationToken ct) =>
        ids.Count == 0
            ? Task.FromResult(new Dictionary<Guid, Lesson>())
            : db.Set<Lesson>().AsNoTracking().Include(l => l.Category).Include(l => l.Tags).AsSplitQuery()
                .Where(l => ids.Contains(l.Id)).ToDictionaryAsync(l => l.Id, ct);

    public static string Shorten(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', length);
        return text[..(cut > 0 ? cut : length)] + " …";
    }

    /// <summary>Escapes the text, then turns the match markers into &lt;mark&gt; elements.</summary>
    public static string Highlight(string? marked)
    {
        if (string.IsNullOrEmpty(marked))
        {
            return "";
        }

        var html = new StringBuilder();
        var open = false;
        foreach (var part in MarkerPattern().Split(marked))
        {
            if (part.Length == 1 && part[0] == MarkStart)
            {
                if (!open)
                {
                    html.Append("<mark>");
                    open = true;
                }
            }
            else if (part.Length == 1 && part[0] == MarkEnd)
            {
                if (open)
                {
                    html.Append("</mark>");
                    open = false;
                }
            }
            else
            {
                html.Append(HtmlEncoder.Default.Encode(part));
            }
        }

        if (open)
        {
            html.Append("</mark>");
        }

        return html.ToString();
    }

    /// <summary>
    /// Turns what a person typed into a safe FTS5 query: every word quoted (so FTS syntax in the input is just text),
    /// "quoted phrases" kept together, OR between words kept, -word excluded; the rest must all match.
    /// Returns null when nothing searchable is left.
    /// </summary>
    public static string? ToFtsQuery(string input)
    {
        var parts = new List<string>();
        var negatives = new List<string>();
        foreach (Match m in QueryPattern().Matches(input))
        {
            if (m.Groups["phrase"].Success)
            {
                var words = WordPattern().Matches(m.Groups["phrase"].Value).Select(w => w.Value).ToList();
                if (words.Count > 0)
                {
                    parts.Add("\"" + string.Join(' ', words) + "\"");
                }

                continue;
            }

            var word = m.Groups["word"].Value;
            var negative = word.StartsWith('-');
            var tokens = WordPattern().Matches(word).Select(w => w.Value).ToList();
            if (tokens.Count == 0)
            {
                continue;
            }

            if (!negative && tokens.Count == 1 && tokens[0] == "OR" && parts.Count > 0 && parts[^1] != "OR")
            {
                parts.Add("OR");
                continue;
            }

            var term = "\"" + string.Join(' ', tokens) + "\"";
            (negative ? negatives : parts).Add(term);
        }

        if (parts.Count > 0 && parts[^1] == "OR")
        {
            parts.RemoveAt(parts.Count - 1);
        }

        if (parts.Count == 0)
        {
            return null;
        }

        var query = string.Join(' ', parts);
        foreach (var negative in negatives)
        {
            query = $"({query}) NOT {negative}";
        }

        return query;
    }

    [GeneratedRegex("\"(?<phrase>[^\"]*)\"?|(?<word>[^\\s\"]+)")]
    private static partial Regex QueryPattern();

    [GeneratedRegex("[\\p{L}\\p{N}]+")]
    private static partial Regex WordPattern();

    [GeneratedRegex("([\u0001\u0002])")]
    private static partial Regex MarkerPattern();
}
