using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Concord.Web.Infrastructure.Time;
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

    public static string Date(DateTimeOffset instant) => Date(London.DateOf(instant));

    public static string DateTime(DateTimeOffset instant) => London.ToLondon(instant).ToString("d MMMM yyyy, HH:mm", EnGb);
}
