using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.Reports.Pages;

/// <summary>Shared by both learning report pages, for everyone signed in to the network; filters from the query string.</summary>
public abstract class ReportPageBase(LearningReports reports) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Category { get; set; }

    public IReadOnlyList<(string Slug, string Name)> Categories { get; private set; } = [];

    public ReportFilter Filter => new(From, To, Category);

    protected LearningReports Reports => reports;

    /// <summary>Null when the caller may see the report and the filter is valid; otherwise the answer to give.</summary>
    protected async Task<IActionResult?> CheckAsync(CancellationToken ct)
    {
        Categories = await reports.CategoriesAsync(ct);
        foreach (var key in new[] { nameof(From), nameof(To) })
        {
            if (ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0)
            {
                entry.Errors.Clear();
                entry.Errors.Add(key == nameof(From) ? "Enter a real start date" : "Enter a real end date");
            }
        }

        foreach (var (field, messages) in Filter.Validate())
        {
            ModelState.AddModelError(char.ToUpperInvariant(field[0]) + field[1..], messages[0]);
        }

        return null;
    }

    public string PdfUrl(string path)
    {
        var query = new List<string> { "handler=Pdf" };
        if (From is { } f) { query.Add("from=" + f.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)); }
        if (To is { } t) { query.Add("to=" + t.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)); }
        if (!string.IsNullOrWhiteSpace(Category)) { query.Add("category=" + Uri.EscapeDataString(Category)); }
        return path + "?" + string.Join("&", query);
    }
}
