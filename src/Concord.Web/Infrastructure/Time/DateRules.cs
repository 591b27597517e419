using System.Globalization;
using Concord.Web.Infrastructure.Writes;

namespace Concord.Web.Infrastructure.Time;

/// <summary>
/// The one rule for calendar dates people type, across the product: a partnership's work happens within a few years of
/// today, so a date far in the past or future is a typing slip ("1/1/1900", "31/12/9999") and is refused with a message
/// that says what is allowed. Each kind of date has its own window, relative to today in London.
/// </summary>
public static class DateRules
{
    /// <summary>Earliest year any date in Concord may fall in (records of past work, signed agreements).</summary>
    public const int EarliestYear = 2000;

    /// <summary>How far ahead a planned date (a due date, a partnership's end) may be.</summary>
    public const int PlanningYearsAhead = 10;

    public enum Kind
    {
        /// <summary>Something planned: a due date, a partnership's start or end, a review date. 2000 to ten years ahead.</summary>
        Planned,

        /// <summary>Something that already happened: a contact, a lesson's date, when a consent was given. 2000 to today.</summary>
        Happened,
    }

    /// <summary>The latest date allowed for a kind of date, today being <paramref name="today"/>.</summary>
    public static DateOnly Latest(Kind kind, DateOnly today) =>
        kind == Kind.Happened ? today : new DateOnly(today.Year + PlanningYearsAhead, 12, 31);

    public static DateOnly Earliest { get; } = new(EarliestYear, 1, 1);

    /// <summary>Null when <paramref name="date"/> is allowed; otherwise the message to show beside the field.</summary>
    public static string? Problem(DateOnly? date, Kind kind, DateOnly today, string what)
    {
        if (date is not { } d)
        {
            return null;
        }

        if (d < Earliest)
        {
            return $"{Capital(what)} must be in {EarliestYear} or later";
        }

        var latest = Latest(kind, today);
        if (d > latest)
        {
            return kind == Kind.Happened
                ? $"{Capital(what)} cannot be in the future"
                : $"{Capital(what)} must be by {latest.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}";
        }

        return null;
    }

    /// <summary>Adds the field's error when <paramref name="date"/> is outside its window.</summary>
    public static FieldErrors CheckDate(this FieldErrors errors, string field, DateOnly? date, Kind kind, DateOnly today, string what)
    {
        if (Problem(date, kind, today, what) is { } message)
        {
            errors.Add(field, message);
        }

        return errors;
    }

    /// <summary>Null when <paramref name="start"/> is on or before <paramref name="end"/> (or either is missing).</summary>
    public static string? OrderProblem(DateOnly? start, DateOnly? end, string endWhat, string startWhat) =>
        start is { } s && end is { } e && e < s ? $"{Capital(endWhat)} must be on or after {startWhat}" : null;

    private static string Capital(string what) => what.Length == 0 ? what : char.ToUpperInvariant(what[0]) + what[1..];
}
