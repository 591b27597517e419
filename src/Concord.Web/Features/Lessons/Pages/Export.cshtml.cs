using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.Lessons.Pages;

/// <summary>CSV or JSON of the lessons the person can read in the library.</summary>
public sealed class ExportModel(LessonAccess access) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? format, CancellationToken ct)
    {
        var rows = await LessonExport.RowsAsync(access, ct);
        if (format == "json")
        {
            return new FileContentResult(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(rows, System.Text.Json.JsonSerializerOptions.Web), "application/json") { FileDownloadName = "lessons.json" };
        }

        if (format is not (null or "csv"))
        {
            return NotFound();
        }

        var stream = new MemoryStream();
        await LessonExport.WriteCsvAsync(rows, stream, ct);
        stream.Position = 0;
        return File(stream, "text/csv; charset=utf-8", "lessons.csv");
    }
}
