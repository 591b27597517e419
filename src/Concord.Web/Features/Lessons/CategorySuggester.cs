namespace Concord.Web.Features.Lessons;

/// <summary>A lesson that already has a category, used as evidence for suggestions.</summary>
public sealed record CategorisedLesson(string Title, string Text, string CategorySlug);

/// <summary>One suggested category, with a score between 0 and 1 and a reason a person can read.</summary>
public sealed record CategorySuggestion(string CategorySlug, string CategoryName, double Score, string Reason);

/// <summary>
/// Suggests categories for an uncategorised lesson.
/// <para>
/// Two signals are combined. (a) Similar lessons: every categorised lesson is a TF-IDF vector
/// (term frequency 1 + ln(count), smoothed inverse document frequency ln((N + 1) / (df + 1)) + 1,
/// title words counted twice, vectors normalised); a category's lesson score is the mean cosine
/// similarity of its three most similar lessons. (b) Category words: each keyword, or word of the
/// category's name, that the lesson mentions counts, giving 1 − 0.5^matches. The final score is
/// 0.7 × (a) + 0.3 × (b) when there are categorised lessons, and (b) alone when there are none.
/// </para>
/// <para>
/// Build one instance per taxonomy and lesson set (it indexes the lessons once) and call
/// <see cref="Suggest"/> as often as needed; instances are immutable and thread-safe. Ties are
/// broken by category name, so the output is deterministic.
/// </para>
/// </summary>
public sealed class CategorySuggester
{
    public const int DefaultCount = 3;
    private const double LessonWeight = 0.7;
    private const double KeywordWeight = 0.3;
    private const int NeighboursPerCategory = 3;
    private const double SimilarEnough = 0.1;

    private readonly IReadOnlyList<LessonCategory> _categories;
    private readonly List<IndexedLesson> _lessons = [];
    private readonly Dictionary<string, double> _idf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(int Lesson, double Weight)>> _postings = new(StringComparer.Ordinal);
    private readonly Dictionary<LessonCategory, List<(string Display, string[] Stems)>> _keywords = [];

    public CategorySuggester(IReadOnlyList<LessonCategory> categories, IEnumerable<CategorisedLesson> categorisedLessons)
    {
        _categories = categories;
        var bySlug = categories.ToDictionary(c => c.Slug, StringComparer.OrdinalIgnoreCase);

        foreach (var category in categories)
        {
            _keywords[category] =
            [
                .. category.Keywords.Concat(category.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    .Select(k => (Display: k.ToLowerInvariant(), Stems: LessonTokeniser.Tokenise(k).ToArray()))
                    .Where(k => k.Stems.Length > 0)
                    .DistinctBy(k => string.Join(' ', k.Stems)),
            ];
        }

        var termCounts = new List<Dictionary<string, int>>();
        foreach (var lesson in categorisedLessons)
        {
            if (!bySlug.TryGetValue(lesson.CategorySlug, out var category))
            {
                continue; // a lesson filed under a category that no longer exists tells us nothing
            }

            _lessons.Add(new IndexedLesson(lesson.Title, category));
            termCounts.Add(CountTerms(lesson.Title, lesson.Text));
        }

        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in termCounts.SelectMany(t => t.Keys))
        {
            documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
        }

        foreach (var (term, df) in documentFrequency)
        {
            _idf[term] = Idf(df);
        }

        for (var i = 0; i < termCounts.Count; i++)
        {
            foreach (var (term, weight) in Vector(termCounts[i]))
            {
                if (!_postings.TryGetValue(term, out var list))
                {
                    _postings[term] = list = [];
                }

                list.Add((i, weight));
            }
        }
    }

    /// <summary>How many categorised lessons the suggester learned from.</summary>
    public int LessonCount => _lessons.Count;

    /// <summary>The most likely categories for a lesson, best first; empty when nothing matches at all.</summary>
    public IReadOnlyList<CategorySuggestion> Suggest(string title, string text, int count = DefaultCount)
    {
        var query = Vector(CountTerms(title, text));
        if (query.Count == 0)
        {
            return [];
        }

        var similarities = new Dictionary<int, double>();
        foreach (var (term, weight) in query)
        {
            if (_postings.TryGetValue(term, out var postings))
            {
                foreach (var (lesson, lessonWeight) in postings)
                {
                    similarities[lesson] = similarities.GetValueOrDefault(lesson) + (weight * lessonWeight);
                }
            }
        }

        var lessonStems = LessonTokeniser.Tokenise(title + " " + text);
        var stemSet = lessonStems.ToHashSet(StringComparer.Ordinal);
        var similarByCategory = similarities.ToLookup(s => _lessons[s.Key].Category.Slug, StringComparer.OrdinalIgnoreCase);
        var results = new List<CategorySuggestion>();
        foreach (var category in _categories)
        {
            var similar = similarByCategory[category.Slug]
                .OrderByDescending(s => s.Value)
                .ThenBy(s => _lessons[s.Key].Title, StringComparer.Ordinal)
                .ToList();
            var lessonScore = similar.Take(NeighboursPerCategory).Sum(s => s.Value) / NeighboursPerCategory;

            var mentions = _keywords[category]
                .Where(k => Mentions(lessonStems, stemSet, k.Stems))
                .Select(k => k.Display)
                .ToList();
            var keywordScore = 1 - Math.Pow(0.5, mentions.Count);

            var score = _lessons.Count == 0 ? keywordScore : (LessonWeight * lessonScore) + (KeywordWeight * keywordScore);
            if (score <= 0)
            {
                continue;
            }

            var closeLessons = similar.Where(s => s.Value >= SimilarEnough).Select(s => _lessons[s.Key].Title).ToList();
            results.Add(new CategorySuggestion(category.Slug, category.Name, Math.Round(score, 4), Reason(closeLessons, mentions)));
        }

        return
        [
            .. results
                .OrderByDescending(r => r.Score)
                .ThenBy(r => r.CategoryName, StringComparer.Ordinal)
                .Take(count),
        ];
    }

    private static string Reason(List<string> closeLessons, List<string> mentions)
    {
        var parts = new List<string>();
        if (closeLessons.Count > 0)
        {
            var noun = closeLessons.Count == 1 ? "lesson" : "lessons";
            var examples = string.Join(", ", closeLessons.Take(3).Select(t => $"'{t}'"));
            var more = closeLessons.Count > 3 ? ", …" : "";
            parts.Add($"Similar to {closeLessons.Count} {noun} in this category: {examples}{more}");
        }

        if (mentions.Count > 0)
        {
            parts.Add("Mentions: " + string.Join(", ", mentions.Take(5)));
        }

        return parts.Count == 0 ? "Shares some words with lessons in this category" : string.Join(". ", parts);
    }

    private static bool Mentions(IReadOnlyList<string> stems, HashSet<string> stemSet, string[] phrase)
    {
        if (phrase.Length == 1)
        {
            return stemSet.Contains(phrase[0]);
        }

        for (var i = 0; i + phrase.Length <= stems.Count; i++)
        {
            var all = true;
            for (var j = 0; j < phrase.Length && all; j++)
            {
                all = stems[i + j] == phrase[j];
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }

    private static Dictionary<string, int> CountTerms(string title, string text)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in LessonTokeniser.Tokenise(title))
        {
            counts[term] = counts.GetValueOrDefault(term) + 2;
        }

        foreach (var term in LessonTokeniser.Tokenise(text))
        {
            counts[term] = counts.GetValueOrDefault(term) + 1;
        }

        return counts;
    }

    private double Idf(int documentFrequency) =>
        Math.Log((_lessons.Count + 1.0) / (documentFrequency + 1.0)) + 1.0;

    private Dictionary<string, double> Vector(Dictionary<string, int> counts)
    {
        var vector = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (term, count) in counts)
        {
            var idf = _idf.TryGetValue(term, out var known) ? known : Idf(0);
            vector[term] = (1 + Math.Log(count)) * idf;
        }

        var norm = Math.Sqrt(vector.Values.Sum(v => v * v));
        if (norm > 0)
        {
            foreach (var term in vector.Keys.ToList())
            {
                vector[term] /= norm;
            }
        }

        return vector;
    }

    private sealed record IndexedLesson(string Title, LessonCategory Category);
}
