using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Concord.Web.Infrastructure.Time;

/// <summary>
/// The one way people type a date in a Concord form: day/month/year in one text box, "27/3/2027" (the hint every date
/// field shows). Forgiving about what separates the numbers (slash, space, dot or dash) and leading zeros; also takes
/// the ISO form "2027-03-27" (older links, tests and scripts) and "27 March 2027" (as Concord writes dates in text).
/// Day before month, always: "1/2/2027" is 1 February, never 2 January. The JSON API keeps ISO dates and is not bound
/// through this.
/// </summary>
public static partial class DateInput
{
    /// <summary>The example every date field's hint and message gives.</summary>
    public const string Example = "27/3/2027";

    /// <summary>How a date is written into a date field: "27/3/2027".</summary>
    public static string Format(DateOnly date) => date.ToString("d/M/yyyy", CultureInfo.InvariantCulture);

    /// <summary>The date, or the message to show beside the field. Empty text is neither (the caller decides).</summary>
    public static (DateOnly? Date, string? Problem) Parse(string? text)
    {
        var t = (text ?? "").Trim();
        if (t.Length == 0)
        {
            return (null, null);
        }

        if (DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso))
        {
            return (iso, null);
        }

        if (DateOnly.TryParseExact(t, ["d MMMM yyyy", "d MMM yyyy"], CultureInfo.GetCultureInfo("en-GB"), DateTimeStyles.AllowWhiteSpaces, out var words))
        {
            return (words, null);
        }

        var m = DayMonthYear().Match(t);
        if (!m.Success)
        {
            return (null, $"Enter the date as day/month/year, for example {Example}");
        }

        var (day, month, year) = (int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture),
            int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture), m.Groups["y"].Value);
        if (year.Length != 4)
        {
            return (null, $"Enter the year in full, for example {Example}");
        }

        var y = int.Parse(year, CultureInfo.InvariantCulture);
        if (month is < 1 or > 12)
        {
            return (null, $"The month must be a number from 1 to 12, for example {Example}");
        }

        if (y < 1 || day < 1 || day > DateTime.DaysInMonth(y, month))
        {
            return (null, $"Enter a real date: {CultureInfo.GetCultureInfo("en-GB").DateTimeFormat.GetMonthName(month)} {year} has no day {day}");
        }

        return (new DateOnly(y, month, day), null);
    }

    [GeneratedRegex(@"^(?<d>\d{1,2})\s*[/.\- ]\s*(?<m>\d{1,2})\s*[/.\- ]\s*(?<y>\d{1,4})$")]
    private static partial Regex DayMonthYear();
}

/// <summary>Binds <see cref="DateOnly"/> form and query values of pages through <see cref="DateInput.Parse"/>.</summary>
public sealed class DateInputBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext context)
    {
        var value = context.ValueProvider.GetValue(context.ModelName);
        if (value == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        context.ModelState.SetModelValue(context.ModelName, value);
        var (date, problem) = DateInput.Parse(value.FirstValue);
        if (problem is not null)
        {
            context.ModelState.TryAddModelError(context.ModelName, problem);
        }
        else if (date is null && !context.ModelMetadata.IsReferenceOrNullableType)
        {
            context.ModelState.TryAddModelError(context.ModelName, $"Enter a date, for example {DateInput.Example}");
        }
        else
        {
            context.Result = ModelBindingResult.Success(date);
        }

        return Task.CompletedTask;
    }
}

public sealed class DateInputBinderProvider : IModelBinderProvider
{
    private static readonly DateInputBinder Binder = new();

    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.UnderlyingOrModelType == typeof(DateOnly) ? Binder : null;
}
