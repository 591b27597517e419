using Concord.Web.Infrastructure.Export;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.Lessons.Pages;

/// <summary>CSV or JSON of the lessons the person can read in the library, streamed.</summary>
public sealed class ExportModel(LessonAccess access) : PageModel
{
    public IActionResult OnGet(string? format) => format switch
    {
        "json" => new ResultAction(LessonExport.Result(access, "json")),
        null or "csv" => new ResultAction(LessonExport.Result(access, "csv")),
        _ => NotFound(),
    };
}
