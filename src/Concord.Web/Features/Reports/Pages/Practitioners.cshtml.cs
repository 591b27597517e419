using Microsoft.AspNetCore.Mvc;

namespace Concord.Web.Features.Reports.Pages;

public sealed class PractitionersModel(LearningReports reports) : ReportPageBase(reports)
{
    public PractitionersReport? Report { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await CheckAsync(ct) is { } refused)
        {
            return refused;
        }

        if (ModelState.IsValid)
        {
            Report = await Reports.PractitionersAsync(Filter, ct);
        }

        return Page();
    }

    public async Task<IActionResult> OnGetPdfAsync(CancellationToken ct)
    {
        if (await CheckAsync(ct) is { } refused)
        {
            return refused;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var report = await Reports.PractitionersAsync(Filter, ct);
        return File(LearningReportPdf.Render(report), "application/pdf", $"practitioners-learning-report-{report.Generated:yyyy-MM-dd}.pdf");
    }
}
