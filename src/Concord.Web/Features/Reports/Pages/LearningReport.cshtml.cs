using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.Reports.Pages;

public enum ReportAudience
{
    Practitioners,
    Sector,
}

/// <summary>
/// Both learning report pages (Practitioners.cshtml and Sector.cshtml share this model), for everyone signed in to the
/// network; filters from the query string. The page file says which report it shows.
/// </summary>
public sealed class LearningReportModel(LearningReports reports) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Category { get; set; }

    public IReadOnlyList<(string Slug, string Name)> Categories { get; private set; } = [];

    public ReportFilter Filter => new(From, To, Category);

    public PractitionersReport? Practitioners { get; private set; }
    public SectorReport? Sector { get; private set; }

    /// <summary>Which report this page shows, from the page file (Sector.cshtml or Practitioners.cshtml).</summary>
    public ReportAudience Audience => PageContext.ActionDescriptor.ViewEnginePath.EndsWith("/Sector", StringComparison.Ordinal)
        ? ReportAudience.Sector
        : ReportAudience.Practitioners;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await CheckAsync(ct))
        {
            if (Audience == ReportAudience.Sector)
            {
                Sector = await reports.SectorAsync(Filter, ct);
            }
            else
            {
                Practitioners = await reports.PractitionersAsync(Filter, ct);
            }
        }

        return Page();
    }

    public async Task<IActionResult> OnGetPdfAsync(CancellationToken ct)
    {
        if (!await CheckAsync(ct))
        {
            return Page();
        }

        if (Audience == ReportAudience.Sector)
        {
            var sector = await reports.SectorAsync(Filter, ct);
            return File(LearningReportPdf.Render(sector), "application/pdf", $"sector-learning-report-{sector.Generated:yyyy-MM-dd}.pdf");
        }

        var practitioners = await reports.PractitionersAsync(Filter, ct);
        return File(LearningReportPdf.Render(practitioners), "application/pdf", $"practitioners-learning-report-{practitioners.Generated:yyyy-MM-dd}.pdf");
    }

    /// <summary>Loads the category choices; true when the filter is valid (otherwise the form shows why).</summary>
    private async Task<bool> CheckAsync(CancellationToken ct)
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

        return ModelState.IsValid;
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
