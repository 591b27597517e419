namespace Concord.Web.Features.Lessons;

/// <summary>A category in the lessons taxonomy. Keywords help the category suggester.</summary>
public sealed record LessonCategory(string Slug, string Name, string Description, IReadOnlyList<string> Keywords);

/// <summary>
/// The taxonomy a new network starts with. The network can edit it afterwards; this list is only the
/// seed and the fallback when nothing has been stored yet.
/// </summary>
public static class DefaultTaxonomy
{
    public static IReadOnlyList<LessonCategory> Categories { get; } =
    [
        new("basic-principles", "Basic principles",
            "The shared values and ground rules that hold a partnership together.",
            ["values", "trust", "principles", "shared purpose", "equality", "respect", "ground rules"]),
        new("communication", "Communication",
            "How partners keep each other informed, from meetings and newsletters to quick messages.",
            ["communication", "meeting", "email", "newsletter", "update", "contact", "phone", "message"]),
        new("decision-making", "Decision making",
            "How the partnership makes choices, who has a say and how disagreements are settled.",
            ["decision", "vote", "agree", "governance", "steering group", "board", "consensus", "chair"]),
        new("organisational-change", "Organisational change",
            "What happens when a partner restructures, changes leaders or loses staff.",
            ["restructure", "staff turnover", "leaver", "new manager", "merger", "reorganisation", "change"]),
        new("partnership-relationships", "Partnership relationships",
            "The day-to-day working relationships between partners and the people in them.",
            ["relationship", "conflict", "trust", "goodwill", "tension", "friendship", "respect"]),
        new("choosing-partners", "Choosing partners",
            "Deciding which organisations to work with and checking that the fit is right.",
            ["choose", "partner", "fit", "due diligence", "capacity", "invite", "select"]),
        new("timing", "Timing",
            "Planning realistic timescales and coping with delays, deadlines and seasons.",
            ["timescale", "deadline", "delay", "late", "schedule", "timetable", "season", "holiday"]),
        new("funding-and-resources", "Funding and resources",
            "Money, staff time, buildings and other resources, and how they are shared fairly.",
            ["funding", "budget", "grant", "money", "cost", "resource", "funder", "in kind"]),
        new("systems-and-processes", "Systems and processes",
            "Shared ways of working such as referral systems, forms, data sharing and record keeping.",
            ["referral", "form", "system", "process", "database", "data sharing", "spreadsheet", "record"]),
        new("training", "Training",
            "Preparing staff and volunteers so they have the skills and confidence the work needs.",
            ["training", "induction", "skills", "course", "learning", "volunteer", "workshop"]),
        new("working-with-schools-and-colleges", "Working with schools and colleges",
            "Running activities with schools and colleges around term dates, exams and safeguarding.",
            ["school", "college", "teacher", "pupil", "student", "term", "exam", "safeguarding", "dbs"]),
    ];
}
