using System.Text.RegularExpressions;

namespace Concord.Web.Features.Lessons;

/// <summary>
/// The names to take out of a lesson before it is shown publicly. <see cref="FirstNames"/> are people's first names
/// used on their own: taken out only where written with a capital letter, so that a person called Will or Hope does not
/// take "will" or "hope" out of every lesson.
/// </summary>
public sealed record AnonymisationNames(
    IReadOnlyCollection<string> Partnerships,
    IReadOnlyCollection<string> Organisations,
    IReadOnlyCollection<string> People)
{
    public static AnonymisationNames None { get; } = new([], [], []);

    public IReadOnlyCollection<string> FirstNames { get; init; } = [];
}

/// <summary>The text after anonymising, and whether anything in it was replaced.</summary>
public sealed record AnonymisedText(string Text, bool Changed);

/// <summary>
/// Makes lesson text safe for the public library: replaces known partnership, organisation and person
/// names with neutral placeholders, and removes e-mail addresses and UK phone numbers.
/// <para>
/// Names are matched ignoring case, as whole words (so "Ann" does not touch "annual"), with any run of
/// spaces between the words of a name, longest name first (so "Age UK Leeds" wins over "Age UK").
/// A name given in more than one list is treated as a partnership, then an organisation, then a
/// person. Only the names given are found: pass first names or nicknames separately if they are used
/// on their own. A person should still read a public lesson before it is published.
/// </para>
/// </summary>
public static partial class LessonAnonymiser
{
    public const string PartnershipPlaceholder = "[partnership]";
    public const string OrganisationPlaceholder = "[organisation]";
    public const string PersonPlaceholder = "[person]";
    public const string EmailPlaceholder = "[email address]";
    public const string PhonePlaceholder = "[phone number]";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public static AnonymisedText Anonymise(string? text, AnonymisationNames names)
    {
        if (string.IsNullOrEmpty(text))
        {
            return new AnonymisedText(text ?? "", false);
        }

        var changed = false;
        var result = EmailPattern().Replace(text, _ =>
        {
            changed = true;
            return EmailPlaceholder;
        });

        result = UkPhonePattern().Replace(result, _ =>
        {
            changed = true;
            return PhonePlaceholder;
        });

        var placeholders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        void Add(IEnumerable<string> list, string placeholder)
        {
            foreach (var name in list)
            {
                var key = Key(name);
                if (key.Length > 0)
                {
                    placeholders.TryAdd(key, placeholder);
                }
            }
        }

        Add(names.Partnerships, PartnershipPlaceholder);
        Add(names.Organisations, OrganisationPlaceholder);
        Add(names.People, PersonPlaceholder);

        if (placeholders.Count > 0)
        {
            var alternatives = placeholders.Keys
                .OrderByDescending(k => k.Length)
                .ThenBy(k => k, StringComparer.Ordinal)
                .Select(k => string.Join(@"\s+", k.Split(' ').Select(Regex.Escape)));
            var pattern = new Regex(
                @"(?<![\p{L}\p{N}])(?:" + string.Join('|', alternatives) + @")(?![\p{L}\p{N}])",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
                Timeout);
            result = pattern.Replace(result, match =>
            {
                changed = true;
                return placeholders[Key(match.Value)];
            });
        }

        var firstNames = names.FirstNames.Select(Key).Where(k => k.Length > 1 && !k.Contains(' ', StringComparison.Ordinal) && !placeholders.ContainsKey(k))
            .Distinct(StringComparer.Ordinal).OrderByDescending(k => k.Length).ThenBy(k => k, StringComparer.Ordinal).ToList();
        if (firstNames.Count > 0)
        {
            // As a name is written: a capital first letter ("Will" or "WILL", never "will").
            var alternatives = firstNames.Select(k => Regex.Escape(char.ToUpperInvariant(k[0]).ToString()) + "(?i:" + Regex.Escape(k[1..]) + ")");
            var pattern = new Regex(
                @"(?<![\p{L}\p{N}])(?:" + string.Join('|', alternatives) + @")(?![\p{L}\p{N}])",
                RegexOptions.CultureInvariant,
                Timeout);
            result = pattern.Replace(result, _ =>
            {
                changed = true;
                return PersonPlaceholder;
            });
        }

        return new AnonymisedText(result, changed);
    }

    /// <summary>Anonymises several fields with the same names; Changed is true if any field changed.</summary>
    public static (IReadOnlyList<string> Texts, bool Changed) AnonymiseAll(IEnumerable<string?> texts, AnonymisationNames names)
    {
        var results = texts.Select(t => Anonymise(t, names)).ToList();
        return ([.. results.Select(r => r.Text)], results.Any(r => r.Changed));
    }

    // Names compare on their words: "Age  UK" and "age uk" are the same name.
    private static string Key(string name) =>
        string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}", RegexOptions.CultureInvariant, 2000)]
    private static partial Regex EmailPattern();

    // UK numbers: +44 (optionally followed by (0)) or a leading 0, then 9 or 10 more digits that may be
    // separated by single spaces, hyphens or a closing bracket: 07700 900123, (0113) 496 0000,
    // +44 (0)20 7946 0000, 0800-123-4567.
    [GeneratedRegex(@"(?<![\w+])(?:\+44[ \-]?(?:\(0\)[ \-]?)?|\(?0)\d(?:[ \-)]{0,2}\d){8,9}(?!\d)", RegexOptions.CultureInvariant, 2000)]
    private static partial Regex UkPhonePattern();
}
