using System.Text.Json.Serialization;
using Concord.Web.Features.Partnerships;

namespace Concord.Web.Features.Lessons;

/// <summary>What sort of lesson this is: the outcome the partnership is reporting.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LessonKind>))]
public enum LessonKind
{
    WorkedWell,
    DidNotWork,
    WouldNotTryAgain,
    Tip,
}

/// <summary>Who may read a lesson. Public lessons are anonymised before they are shown.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LessonVisibility>))]
public enum LessonVisibility
{
    Partnership,
    Network,
    Public,
}

/// <summary>Where a lesson is in the review process before it appears in the network library.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ModerationState>))]
public enum ModerationState
{
    Draft,
    Pending,
    Published,
    Rejected,
}

/// <summary>
/// Words shown to people for the lesson enums, and lenient parsing back from those words or from the
/// enum names (used by the CSV import and by form binding).
/// </summary>
public static class LessonVocabulary
{
    private static readonly Dictionary<LessonKind, string> KindNames = new()
    {
        [LessonKind.WorkedWell] = "Worked well",
        [LessonKind.DidNotWork] = "Did not work",
        [LessonKind.WouldNotTryAgain] = "Would not try again",
        [LessonKind.Tip] = "Tip",
    };

    private static readonly Dictionary<PartnershipStage, string> StageNames = new()
    {
        [PartnershipStage.Deciding] = "Deciding",
        [PartnershipStage.SettingUp] = "Setting up",
        [PartnershipStage.During] = "During",
        [PartnershipStage.Ending] = "Ending",
    };

    private static readonly Dictionary<LessonVisibility, string> VisibilityNames = new()
    {
        [LessonVisibility.Partnership] = "Partnership only",
        [LessonVisibility.Network] = "Network",
        [LessonVisibility.Public] = "Public (anonymised)",
    };

    private static readonly Dictionary<ModerationState, string> ModerationNames = new()
    {
        [ModerationState.Draft] = "Draft",
        [ModerationState.Pending] = "Waiting for review",
        [ModerationState.Published] = "Published",
        [ModerationState.Rejected] = "Not published",
    };

    // Extra words people commonly type in spreadsheets, mapped to the value they mean.
    private static readonly Dictionary<string, LessonKind> KindAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["worked"] = LessonKind.WorkedWell,
        ["success"] = LessonKind.WorkedWell,
        ["didn't work"] = LessonKind.DidNotWork,
        ["did not work well"] = LessonKind.DidNotWork,
        ["not worked"] = LessonKind.DidNotWork,
        ["would not do again"] = LessonKind.WouldNotTryAgain,
        ["wouldn't try again"] = LessonKind.WouldNotTryAgain,
        ["avoid"] = LessonKind.WouldNotTryAgain,
        ["hint"] = LessonKind.Tip,
        ["advice"] = LessonKind.Tip,
    };

    private static readonly Dictionary<string, PartnershipStage> StageAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["set up"] = PartnershipStage.SettingUp,
        ["setup"] = PartnershipStage.SettingUp,
        ["set-up"] = PartnershipStage.SettingUp,
        ["delivery"] = PartnershipStage.During,
        ["delivering"] = PartnershipStage.During,
        ["ongoing"] = PartnershipStage.During,
        ["closing"] = PartnershipStage.Ending,
        ["closure"] = PartnershipStage.Ending,
        ["end"] = PartnershipStage.Ending,
        ["decide"] = PartnershipStage.Deciding,
        ["deciding whether to partner"] = PartnershipStage.Deciding,
    };

    public static string DisplayName(this LessonKind kind) => KindNames[kind];

    public static string DisplayName(this PartnershipStage stage) => StageNames[stage];

    public static string DisplayName(this LessonVisibility visibility) => VisibilityNames[visibility];

    public static string DisplayName(this ModerationState state) => ModerationNames[state];

    /// <summary>All kinds in display order with their names, for select lists and legends.</summary>
    public static IReadOnlyList<(LessonKind Value, string Name)> Kinds { get; } =
        [.. Enum.GetValues<LessonKind>().Select(k => (k, KindNames[k]))];

    /// <summary>All stages in lifecycle order with their names.</summary>
    public static IReadOnlyList<(PartnershipStage Value, string Name)> Stages { get; } =
        [.. Enum.GetValues<PartnershipStage>().Select(s => (s, StageNames[s]))];

    /// <summary>"Worked well, Did not work, Would not try again or Tip" — for error messages.</summary>
    public static string KindChoicesText => JoinWithOr(Kinds.Select(k => k.Name));

    /// <summary>"Deciding, Setting up, During or Ending" — for error messages.</summary>
    public static string StageChoicesText => JoinWithOr(Stages.Select(s => s.Name));

    public static bool TryParseKind(string? text, out LessonKind kind) =>
        TryParse(text, KindNames, KindAliases, out kind);

    public static bool TryParseStage(string? text, out PartnershipStage stage) =>
        TryParse(text, StageNames, StageAliases, out stage);

    public static bool TryParseVisibility(string? text, out LessonVisibility visibility) =>
        TryParse(text, VisibilityNames, null, out visibility);

    public static bool TryParseModerationState(string? text, out ModerationState state) =>
        TryParse(text, ModerationNames, null, out state);

    private static bool TryParse<T>(string? text, Dictionary<T, string> names, Dictionary<string, T>? aliases, out T value)
        where T : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var wanted = Normalise(text);
        foreach (var (candidate, name) in names)
        {
            if (Normalise(name) == wanted || Normalise(candidate.ToString()) == wanted)
            {
                value = candidate;
                return true;
            }
        }

        if (aliases is not null && aliases.TryGetValue(text.Trim(), out var alias))
        {
            value = alias;
            return true;
        }

        return false;
    }

    // Case-insensitive, ignoring spaces, hyphens, underscores and apostrophes: "Worked well",
    // "worked_well", "WorkedWell" and "worked-well" all match.
    private static string Normalise(string text) =>
        new([.. text.Trim().ToLowerInvariant().Where(char.IsLetterOrDigit)]);

    private static string JoinWithOr(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count <= 1 ? string.Concat(list) : string.Join(", ", list.Take(list.Count - 1)) + " or " + list[^1];
    }
}
