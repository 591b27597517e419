using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Concord.Web.Features.Shared;

/// <summary>How values read on pages: enum names in words, dates as "22 November 2026", relative hints.</summary>
public static class Display
{
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    public static string Name<T>(T value) where T : struct, Enum =>
        typeof(T).GetField(value.ToString())?.GetCustomAttribute<DisplayAttribute>()?.GetName() ?? value.ToString();

    public static IEnumerable<SelectListItem> Options<T>() where T : struct, Enum =>
        Enum.GetValues<T>().Select(v => new SelectListItem(Name(v), v.ToString()));

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", EnGb);

    public static string Date(DateOnly? date, string none = "Not set") => date is null ? none : Date(date.Value);

    public static string Date(DateTimeOffset instant) => Date(DateOnly.FromDateTime(ToLondon(instant).DateTime));

    public static string DateTime(DateTimeOffset instant) => ToLondon(instant).ToString("d MMMM yyyy, HH:mm", EnGb);

    public static DateTimeOffset ToLondon(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, London);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(ToLondon(clock.GetUtcNow()).DateTime);

    public static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
}
