using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
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
public sealed partial class LessonSearch(ConcordDb db, CurrentUser user, LessonAccess access)
{
    // Markers for highlighted matches: control characters that never survive into HTML as text.
    private const char MarkStart = '\u0001';
    private const char MarkEnd = '\u0002';
    private const string PostgresHeadlineOptions = "StartSel=\u0001, StopSel=\u0002, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=\" … \"";
    private const string PostgresTitleOptions = "StartSel=\u0001, StopSel=\u0002, HighlightAll=true";

    /// <summary>Totals are counted up to this many; beyond it the library says "more than 1,000".</summary>
    public const int CountCap = 1000;

    /// <summary>How many of the newest matches are ranked by relevance.</summary>
    public const int RankWindow = 2000;

    private sealed class Row
    {
        public Guid Id { get; set; }
        public double Rank { get; set; }
        public string Title { get; set; } = "";
        public string Snippet { get; set; } = "";
    }

    public async Task<LessonResults> SearchAsync(LessonQuery query, CancellationToken ct)
    {
        var words = query.Q?.Trim();
        if (string.IsNullOrEmpty(words) || (!db.Database.IsNpgsql() && ToFtsQuery(words) is null))
        {
            return await ListAsync(query, ct);
        }

        var isPostgres = db.Database.IsNpgsql();
        var parameters = new List<object>();
        string P(object value)
        {
            parameters.Add(value);
            return "{" + (parameters.Count - 1) + "}";
        }

        object Id(Guid id) => isPostgres ? id : id.ToString().ToUpperInvariant();

        var filters = new StringBuilder();
        filters.Append($" AND l.\"Moderation\" = 'Published' AND (l.\"Visibility\" <> 'Partnership' OR l.\"PartnershipId\" IN (SELECT m.\"PartnershipId\" FROM partnership_memberships m WHERE m.\"AccountId\" = {P(Id(user.IdOrNull ?? Guid.Empty))}))");
        if (query.CategoryId is { } category)
        {
            filters.Append($" AND l.\"CategoryId\" = {P(Id(category))}");
        }

        if (query.Kind is { } kind)
        {
            filters.Append($" AND l.\"Kind\" = {P(kind.ToString())}");
        }

        if (query.Stage is { } stage)
        {
            filters.Append($" AND l.\"Stage\" = {P(stage.ToString())}");
        }

        if (!string.IsNullOrWhiteSpace(query.Tag))
        {
            filters.Append($" AND EXISTS (SELECT 1 FROM lesson_tags t WHERE t.\"LessonId\" = l.\"Id\" AND t.\"Tag\" = {P(LessonCommands.NormaliseTag(query.Tag))})");
        }

        if (!string.IsNullOrWhiteSpace(query.PartnershipType))
        {
            filters.Append($" AND l.\"PartnershipType\" = {P(query.PartnershipType.Trim())}");
        }

        string countSql, pageSql;
        var skip = (query.Page - 1) * query.PageSize;
        // Ranking is done over the newest matches only (RankWindow, or more for deep pages): a search that matches
        // a large part of the library stays fast, and anything narrower is ranked in full.
        var window = Math.Max(RankWindow, skip + query.PageSize);
        if (isPostgres)
        {
            var q = P(words);
            var from = $"FROM lessons l WHERE l.\"SearchVector\" @@ websearch_to_tsquery('english', {q}){filters}";
            countSql = $"SELECT count(*)::int AS \"Value\" FROM (SELECT 1 {from} LIMIT {CountCap + 1}) c";
            pageSql = $"""
                WITH candidates AS (SELECT l."Id", l."SearchVector", l."CreatedAt" {from} ORDER BY l."CreatedAt" DESC LIMIT {window}),
                     page AS (SELECT c."Id", ts_rank(c."SearchVector", websearch_to_tsquery('english', {q}))::float8 AS "Rank", c."CreatedAt"
                              FROM candidates c ORDER BY "Rank" DESC, c."CreatedAt" DESC, c."Id" LIMIT {query.PageSize} OFFSET {skip})
                SELECT page."Id", page."Rank",
                       ts_headline('english', l."LibraryTitle", websearch_to_tsquery('english', {q}), {P(PostgresTitleOptions)}) AS "Title",
                       ts_headline('english', l."LibraryText", websearch_to_tsquery('english', {q}), {P(PostgresHeadlineOptions)}) AS "Snippet"
                FROM page JOIN lessons l ON l."Id" = page."Id"
                ORDER BY page."Rank" DESC, page."CreatedAt" DESC, page."Id"
                """;
        }
        else
        {
            var fts = LessonSearchSchema.SqliteFtsTable;
            var q = P(ToFtsQuery(words)!);
            var from = $"FROM {fts} f JOIN lessons l ON l.rowid = f.rowid WHERE {fts} MATCH {q}{filters}";
            countSql = $"SELECT count(*) AS \"Value\" FROM (SELECT 1 {from} LIMIT {CountCap + 1})";
            // The FTS index walks matches newest first (rowids grow with inserts); rank only from the window's oldest rowid on.
            var threshold = $"(SELECT coalesce(min(w.rowid), 0) FROM (SELECT f.rowid AS rowid {from} ORDER BY f.rowid DESC LIMIT {window}) w)";
            pageSql = $"""
                SELECT l."Id" AS "Id", -bm25({fts}, 5.0, 1.0) AS "Rank",
                       highlight({fts}, 0, char(1), char(2)) AS "Title",
                       snippet({fts}, 1, char(1), char(2), ' … ', 30) AS "Snippet"
                {from} AND f.rowid >= {threshold}
                ORDER BY bm25({fts}, 5.0, 1.0), l."CreatedAt" DESC, l."Id" LIMIT {query.PageSize} OFFSET {skip}
                """;
        }

        var args = parameters.ToArray();
        var total = await db.Database.SqlQueryRaw<int>(countSql, args).SingleAsync(ct);
        var rows = total == 0 ? [] : await db.Database.SqlQueryRaw<Row>(pageSql, args).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var lessons = await db.Set<Lesson>().AsNoTracking().Include(l => l.Category).Include(l => l.Tags)
            .Where(l => ids.Contains(l.Id)).ToDictionaryAsync(l => l.Id, ct);
        var hits = rows.Where(r => lessons.ContainsKey(r.Id))
            .Select(r => new LessonHit(lessons[r.Id], Highlight(r.Title), Highlight(r.Snippet), r.Rank)).ToList();
        return new LessonResults(hits, total, query.Page, query.PageSize);
    }

    private async Task<LessonResults> ListAsync(LessonQuery query, CancellationToken ct)
    {
        var lessons = access.Library();
        if (query.CategoryId is { } category)
        {
            lessons = lessons.Where(l => l.CategoryId == category);
        }

        if (query.Kind is { } kind)
        {
            lessons = lessons.Where(l => l.Kind == kind);
        }

        if (query.Stage is { } stage)
        {
            lessons = lessons.Where(l => l.Stage == stage);
        }

        if (!string.IsNullOrWhiteSpace(query.Tag))
        {
            var tag = LessonCommands.NormaliseTag(query.Tag);
            lessons = lessons.Where(l => l.Tags.Any(t => t.Tag == tag));
        }

        if (!string.IsNullOrWhiteSpace(query.PartnershipType))
        {
            var type = query.PartnershipType.Trim();
            lessons = lessons.Where(l => l.PartnershipType == type);
        }

        var total = await lessons.Take(CountCap + 1).CountAsync(ct);
        var page = await lessons.AsNoTracking().Include(l => l.Category).Include(l => l.Tags)
            .OrderByDescending(l => l.CreatedAt).ThenBy(l => l.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(ct);
        var hits = page.Select(l => new LessonHit(l, HtmlEncoder.Default.Encode(l.LibraryTitle), HtmlEncoder.Default.Encode(Shorten(l.LibraryText, 240)), 0)).ToList();
        return new LessonResults(hits, total, query.Page, query.PageSize);
    }

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
