using Concord.Web.Features.Lessons;

namespace Concord.Bench;

/// <summary>
/// Lessons for the library, from a vocabulary with a realistic spread of common and rare words (the generator the lessons
/// search benchmark has always used; see docs/BENCHMARKS.md, "Lessons library search").
/// </summary>
internal static class Lessons
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

    // Words that make each lesson's topic specific, as real lessons are: most searches pick out a few per cent of lessons.
    private static readonly string[] Topics = BuildTopics();

    /// <summary>
    /// The i-th lesson (newest first: lesson i was written 7×i minutes before <paramref name="now"/>): 60 % network, 25 %
    /// partnership-only, 15 % public; 90 % published; 85 % categorised; 0–3 tags.
    /// </summary>
    public static Lesson Make(Random random, int i, DateTimeOffset now, IReadOnlyList<Guid> categories, Guid partnershipId, Guid? authorId)
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
            PartnershipId = partnershipId,
            PartnershipType = LessonOptions.PartnershipTypes[random.Next(LessonOptions.PartnershipTypes.Count)],
            Visibility = visibilityRoll < 0.6 ? LessonVisibility.Network : visibilityRoll < 0.85 ? LessonVisibility.Partnership : LessonVisibility.Public,
            Moderation = random.NextDouble() < 0.9 ? ModerationState.Published : ModerationState.Draft,
            AuthorId = authorId,
            CreatedAt = now.AddMinutes(-i * 7),
            UpdatedAt = now.AddMinutes(-i * 7),
        };
        foreach (var tag in Enumerable.Range(0, random.Next(0, 4)).Select(_ => Pick(random, Tags)).Distinct())
        {
            lesson.Tags.Add(new LessonTag { LessonId = lesson.Id, Tag = tag });
        }

        LessonCommands.SetLibraryText(lesson, AnonymisationNames.None);
        return lesson;
    }

    /// <summary>A plain sentence in the same vocabulary (also used for ledger summaries and commitments).</summary>
    public static string Sentence(Random random) =>
        Capitalise($"{Pick(random, Subjects)} {Pick(random, Verbs)} {Pick(random, Objects)} for the {Topics[random.Next(Topics.Length)]} {Pick(random, Outcomes)}.");

    public static string Topic(Random random) => Topics[random.Next(Topics.Length)];

    public static string Thing(Random random) => Pick(random, Objects);

    private static string[] BuildTopics()
    {
        string[] places = ["library", "church hall", "community centre", "surgery", "school", "college", "park", "leisure centre", "café", "market", "museum", "allotment", "pharmacy", "job centre", "food bank", "housing office", "youth club", "theatre", "gym", "garden"];
        string[] things = ["minibus", "lunch club", "walking group", "choir", "allotments", "befriending", "homework club", "tea dance", "digital skills", "benefits advice", "debt advice", "hospital discharge", "falls prevention", "dementia cafe", "carers group", "bereavement support", "mentoring", "apprenticeships", "art classes", "cookery", "repair cafe", "men's shed", "book club", "gardening", "swimming", "yoga", "chess", "knitting", "podcast", "radio", "newsletter", "survey", "focus group", "interviews", "case studies", "photographs", "video", "social media", "leaflets", "posters"];
        string[] qualities = ["weekly", "monthly", "rural", "urban", "evening", "weekend", "bilingual", "accessible", "free", "paid", "online", "face to face", "drop-in", "booked", "outdoor", "indoor", "seasonal", "pilot", "long-term", "short"];
        return [.. from q in qualities from t in things select $"{q} {t}", .. from t in things from p in places select $"{t} at the {p}"];
    }

    // Earlier words in each list are picked more often (a Zipf-like spread, as in real text).
    private static string Pick(Random random, string[] words) => words[(int)(Math.Pow(random.NextDouble(), 1.6) * words.Length)];

    private static string Capitalise(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
