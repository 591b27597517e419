using System.Text.RegularExpressions;

namespace Concord.Web.Features.Readiness;

/// <summary>One question of the readiness reflection. <see cref="HasFunderChoice"/> marks the question
/// answered with a yes / partly / no choice as well as free text.</summary>
public sealed record ReadinessQuestion(string Key, string Text, string Hint, bool HasFunderChoice = false);

/// <summary>The answer to "is this partnership mainly driven by a funder's wish?".</summary>
public enum FunderDriven
{
    No,
    Partly,
    Yes,
}

/// <summary>One partner's reflection. <paramref name="Answers"/> is keyed by <see cref="ReadinessQuestion.Key"/>;
/// a missing key, null or whitespace all count as "not answered".</summary>
public sealed record PartnerReflection(
    Guid PartnerId,
    string PartnerName,
    IReadOnlyDictionary<string, string?> Answers,
    FunderDriven? FunderDriven);

public enum ReadinessFlagKind
{
    DifferentPurposes,
    MainlyFunderDriven,
    NoAddedValue,
    NotAnswered,
}

/// <summary>Something the partners should talk about. <see cref="QuestionKey"/> says which question it
/// concerns so a side-by-side view can mark the cell; <see cref="PartnerIds"/> names who is involved.</summary>
public sealed record ReadinessFlag(
    ReadinessFlagKind Kind,
    string QuestionKey,
    IReadOnlyList<Guid> PartnerIds,
    string Message);

public static partial class ReadinessRules
{
    public const string WhyPartner = "why-partner";
    public const string AddedValue = "added-value";
    public const string PeopleServed = "people-served";
    public const string FunderDrivenKey = "funder-driven";
    public const string MissionAtStake = "mission-at-stake";
    public const string SmallPartner = "small-partner";

    /// <summary>
    /// Two "why partner" answers are flagged as different purposes when they have fewer than this many meaningful
    /// words in common (words left after removing the common ones every answer uses, such as "we", "the" and
    /// "partnership", with simple endings stripped so "reduce" and "reducing" match). Two partners who both talk about
    /// "lonely older people" share three and are not flagged however differently they phrase the rest; one that talks
    /// about "rent arrears and empty flats" shares nothing with them and is. A proportion of all words (the rule used
    /// before) flagged almost every pair of real answers, because longer answers always use many words the other does
    /// not: a flag should mean the partners really describe different reasons, not just different wording.
    /// </summary>
    public const int MinimumSharedWords = 2;

    /// <summary>An added-value answer with fewer words than this says nothing concrete ("Funding", "We help").</summary>
    public const int MinimumAddedValueWords = 3;

    public static IReadOnlyList<ReadinessQuestion> Questions { get; } =
    [
        new(WhyPartner,
            "Why do you want to work in partnership at all?",
            "Say what you could achieve together that you could not achieve alone. If you could do it alone, say so."),
        new(AddedValue,
            "What added value does each partner bring?",
            "Think about skills, reach, trust in the community, premises, volunteers and knowledge – not only money."),
        new(PeopleServed,
            "How will the people you serve benefit?",
            "Describe the difference for the people who use your services, not for the organisations."),
        new(FunderDrivenKey,
            "Is this partnership mainly driven by a funder's wish?",
            "Choose yes, partly or no, and explain. It is fine to say yes – it helps to know it now.",
            HasFunderChoice: true),
        new(MissionAtStake,
            "What of your own mission and values is at stake?",
            "Say what you would not give up, and where working together might pull you away from your purpose."),
        new(SmallPartner,
            "What does a small partner bring that its size does not show?",
            "For example local trust, lived experience, speed or access to people larger organisations do not reach."),
    ];

    /// <summary>Flags where the partners' reflections diverge or are incomplete, in a stable order:
    /// different purposes, funder-driven, no added value, then questions not answered.</summary>
    public static IReadOnlyList<ReadinessFlag> FindDivergence(IReadOnlyList<PartnerReflection> partners)
    {
        var flags = new List<ReadinessFlag>();

        var withWhy = partners.Where(p => !IsBlank(Answer(p, WhyPartner))).ToList();
        for (var i = 0; i < withWhy.Count; i++)
        {
            for (var j = i + 1; j < withWhy.Count; j++)
            {
                var a = withWhy[i];
                var b = withWhy[j];
                if (DifferentPurposes(Answer(a, WhyPartner)!, Answer(b, WhyPartner)!))
                {
                    flags.Add(new(ReadinessFlagKind.DifferentPurposes, WhyPartner, [a.PartnerId, b.PartnerId],
                        $"{a.PartnerName} and {b.PartnerName} describe different reasons for partnering: their answers to " +
                        "\u201cwhy partner\u201d have almost nothing in common (fewer than two meaningful words appear in both). " +
                        "Talk together about what you each want the partnership to achieve."));
                }
            }
        }

        foreach (var p in partners.Where(p => p.FunderDriven == FunderDriven.Yes))
        {
            flags.Add(new(ReadinessFlagKind.MainlyFunderDriven, FunderDrivenKey, [p.PartnerId],
                $"{p.PartnerName} says the partnership is mainly driven by a funder's wish. " +
                "Agree what each partner gains beyond the funding before you go further."));
        }

        foreach (var p in partners.Where(p => !IsBlank(Answer(p, AddedValue)) && Words(Answer(p, AddedValue)!).Count < MinimumAddedValueWords))
        {
            flags.Add(new(ReadinessFlagKind.NoAddedValue, AddedValue, [p.PartnerId],
                $"{p.PartnerName} has not said what added value it brings. Ask them to describe it in a sentence or two."));
        }

        foreach (var p in partners)
        {
            foreach (var q in Questions)
            {
                var unanswered = q.HasFunderChoice ? p.FunderDriven is null : IsBlank(Answer(p, q.Key));
                if (!unanswered)
                {
                    continue;
                }

                var message = q.Key == AddedValue
                    ? $"{p.PartnerName} has not said what added value it brings. Ask them to answer \u201c{q.Text}\u201d"
                    : $"{p.PartnerName} has not answered \u201c{q.Text}\u201d";
                var kind = q.Key == AddedValue ? ReadinessFlagKind.NoAddedValue : ReadinessFlagKind.NotAnswered;
                flags.Add(new(kind, q.Key, [p.PartnerId], message));
            }
        }

        return flags;
    }

    /// <summary>
    /// True when two answers describe different reasons: they share fewer than <see cref="MinimumSharedWords"/> meaningful
    /// words (or, when one answer has only one meaningful word, not even that one). Answers with no meaningful words at
    /// all say nothing to compare and are never flagged here.
    /// </summary>
    public static bool DifferentPurposes(string first, string second)
    {
        var a = ContentWords(first);
        var b = ContentWords(second);
        if (a.Count == 0 || b.Count == 0)
        {
            return false;
        }

        return SharedWords(first, second) < Math.Min(MinimumSharedWords, Math.Min(a.Count, b.Count));
    }

    /// <summary>How many meaningful words two answers have in common (see <see cref="MinimumSharedWords"/>).</summary>
    public static int SharedWords(string first, string second)
    {
        var b = ContentWords(second);
        return ContentWords(first).Count(b.Contains);
    }

    /// <summary>
    /// How much two answers share, from 0 (nothing) to 1 (the same words): the Jaccard index of their
    /// sets of content words, that is words shared divided by distinct words used by either.
    /// Words are lower-cased, common stop words ("we", "the", "partnership") are removed because every
    /// answer uses them, and a crude suffix strip makes "reduce", "reduces" and "reducing" one word.
    /// It measures vocabulary, not meaning: "tackle isolation" and "reduce loneliness" score 0. That is
    /// acceptable because the result only suggests the partners compare their answers.
    /// </summary>
    public static double WordOverlap(string first, string second)
    {
        var a = ContentWords(first);
        var b = ContentWords(second);
        if (a.Count == 0 && b.Count == 0)
        {
            return 1;
        }

        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }

    private static string? Answer(PartnerReflection p, string key) =>
        p.Answers.TryGetValue(key, out var value) ? value : null;

    private static bool IsBlank(string? text) => string.IsNullOrWhiteSpace(text);

    private static List<string> Words(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToList();

    private static HashSet<string> ContentWords(string text) =>
        Words(text).Where(w => !StopWords.Contains(w)).Select(Stem).ToHashSet();

    private static string Stem(string word)
    {
        foreach (var suffix in (string[])["ing", "ed", "es", "s", "e"])
        {
            if (word.EndsWith(suffix, StringComparison.Ordinal) && word.Length - suffix.Length >= 3 && !word.EndsWith("ss", StringComparison.Ordinal))
            {
                return word[..^suffix.Length];
            }
        }

        return word;
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:'[\p{L}]+)?")]
    private static partial Regex WordPattern();

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "about", "all", "also", "an", "and", "are", "as", "at", "be", "because", "been", "being", "both",
        "but", "by", "can", "could", "do", "does", "each", "for", "from", "get", "has", "have", "how", "i",
        "if", "in", "into", "is", "it", "its", "it's", "more", "most", "much", "need", "not", "of", "on", "one",
        "or", "other", "our", "ours", "so", "some", "such", "than", "that", "the", "their", "them", "there",
        "these", "they", "this", "those", "through", "to", "together", "too", "up", "us", "very", "want",
        "was", "we", "we're", "were", "what", "when", "which", "who", "why", "will", "with", "work",
        "working", "would", "you", "your", "partner", "partners", "partnership", "partnering",
    };
}
