using System.Text;
using Concord.Web.Features.Partnerships;

namespace Concord.Web.Features.Lessons;

/// <summary>
/// The facet tokens the full-text index holds for each lesson (see <see cref="LessonSearchSchema"/>), and the
/// facet part of a search: every group must match, and within a group any token. Tokens are letters and digits
/// only, so they are safe to put into an FTS5 or tsquery expression as they are.
/// </summary>
public static class LessonFacets
{
    public const string Published = "zpub";

    public static string Visibility(LessonVisibility visibility) => "zv" + visibility.ToString().ToLowerInvariant();

    public static string Partnership(Guid id) => "zp" + id.ToString("N");

    public static string Kind(LessonKind kind) => "zk" + kind.ToString().ToLowerInvariant();

    public static string Stage(PartnershipStage stage) => "zs" + stage.ToString().ToLowerInvariant();

    public static string Category(Guid id) => "zc" + id.ToString("N");

    public static string PartnershipType(string type) => "zy" + Hex(type.Trim());

    public static string Tag(string normalisedTag) => "zt" + Hex(normalisedTag);

    private static string Hex(string text) => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// What a reader may see (published; network or public, or from one of their partnerships — or, for the public library,
    /// public only) and the filters asked for.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> For(LessonQuery query, IEnumerable<Guid> readerPartnerships, bool publicOnly = false)
    {
        var groups = new List<IReadOnlyList<string>>
        {
            new[] { Published },
            publicOnly
                ? [Visibility(LessonVisibility.Public)]
                : new[] { Visibility(LessonVisibility.Network), Visibility(LessonVisibility.Public) }.Concat(readerPartnerships.Select(Partnership)).ToList(),
        };
        groups.AddRange(Filters(query));
        return groups;
    }

    /// <summary>Only the filters asked for (each one token).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Filters(LessonQuery query)
    {
        var groups = new List<IReadOnlyList<string>>();
        if (query.CategoryId is { } category)
        {
            groups.Add([Category(category)]);
        }

        if (query.Kind is { } kind)
        {
            groups.Add([Kind(kind)]);
        }

        if (query.Stage is { } stage)
        {
            groups.Add([Stage(stage)]);
        }

        if (!string.IsNullOrWhiteSpace(query.Tag))
        {
            groups.Add([Tag(LessonCommands.NormaliseTag(query.Tag))]);
        }

        if (!string.IsNullOrWhiteSpace(query.PartnershipType))
        {
            groups.Add([PartnershipType(query.PartnershipType)]);
        }

        return groups;
    }

    /// <summary>True when the query filters on more than what the reader may see.</summary>
    public static bool HasFilters(LessonQuery query) =>
        query.CategoryId is not null || query.Kind is not null || query.Stage is not null
        || !string.IsNullOrWhiteSpace(query.Tag) || !string.IsNullOrWhiteSpace(query.PartnershipType);

    /// <summary>FTS5: <c>Facets : ("a" AND ("b" OR "c"))</c>.</summary>
    public static string ToFts(IReadOnlyList<IReadOnlyList<string>> groups) =>
        "Facets : (" + string.Join(" AND ", groups.Select(g => g.Count == 1 ? Quote(g[0]) : "(" + string.Join(" OR ", g.Select(Quote)) + ")")) + ")";

    /// <summary>PostgreSQL to_tsquery('simple', …): <c>a &amp; (b | c)</c>.</summary>
    public static string ToTsQuery(IReadOnlyList<IReadOnlyList<string>> groups) =>
        string.Join(" & ", groups.Select(g => g.Count == 1 ? g[0] : "(" + string.Join(" | ", g) + ")"));

    private static string Quote(string token) => "\"" + token + "\"";
}
