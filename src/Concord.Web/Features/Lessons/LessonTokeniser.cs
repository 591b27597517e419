using System.Text;

namespace Concord.Web.Features.Lessons;

/// <summary>
/// Turns lesson text into comparable words: lower-cased, split on anything that is not a letter or
/// digit, common English words removed, and lightly stemmed so that "referrals", "referral" and
/// "referred" come close together. Deliberately simple: it only has to be good enough to rank.
/// </summary>
public static class LessonTokeniser
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
        "because", "been", "before", "being", "but", "by", "can", "could", "did", "do", "does", "doing",
        "don", "down", "each", "even", "few", "for", "from", "get", "got", "had", "has", "have", "having",
        "he", "her", "here", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "let",
        "make", "many", "may", "me", "more", "most", "much", "must", "my", "no", "not", "now", "of", "off",
        "on", "once", "one", "only", "or", "other", "our", "ours", "out", "over", "own", "same", "she",
        "should", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there", "these",
        "they", "this", "those", "through", "to", "too", "under", "until", "up", "us", "use", "very", "was",
        "way", "we", "well", "were", "what", "when", "where", "which", "while", "who", "why", "will", "with",
        "would", "you", "your", "s", "t", "ll", "ve", "re", "d",
    };

    /// <summary>The stemmed, stop-word-free words of <paramref name="text"/>, in order.</summary>
    public static IReadOnlyList<string> Tokenise(string? text)
    {
        var tokens = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return tokens;
        }

        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (c is '\'' or '\u2019' && word.Length > 0)
            {
                // "partner's" -> "partner" + "s"; "s" is a stop word.
                Flush(word, tokens);
            }
            else
            {
                Flush(word, tokens);
            }
        }

        Flush(word, tokens);
        return tokens;
    }

    /// <summary>A light suffix stripper (plurals, then -ing, -ed or a final e). Not a full Porter stemmer.</summary>
    public static string Stem(string word)
    {
        var w = word;
        if (w.Length > 4 && w.EndsWith("ies", StringComparison.Ordinal))
        {
            w = w[..^3] + "y";
        }
        else if (w.EndsWith("sses", StringComparison.Ordinal))
        {
            w = w[..^2];
        }
        else if (w.Length > 3 && w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal)
                 && !w.EndsWith("us", StringComparison.Ordinal) && !w.EndsWith("is", StringComparison.Ordinal))
        {
            w = w[..^1];
        }

        if (w.Length > 5 && w.EndsWith("ing", StringComparison.Ordinal))
        {
            return w[..^3];
        }

        if (w.Length > 4 && w.EndsWith("ed", StringComparison.Ordinal))
        {
            return w[..^2];
        }

        // "agree" and "agreed" (after -ed above) both become "agre".
        if (w.Length > 3 && w.EndsWith('e'))
        {
            w = w[..^1];
        }

        return w;
    }

    private static void Flush(StringBuilder word, List<string> tokens)
    {
        if (word.Length == 0)
        {
            return;
        }

        var w = word.ToString();
        word.Clear();
        if (StopWords.Contains(w) || w.All(char.IsDigit))
        {
            return;
        }

        tokens.Add(Stem(w));
    }
}
