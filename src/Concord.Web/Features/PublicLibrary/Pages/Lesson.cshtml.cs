using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.PublicLibrary.Pages;

/// <summary>One public lesson, for anyone: its anonymised title and text. A lesson that is not public and published is a 404.</summary>
[AllowAnonymous]
public sealed class LessonModel(PublicLibraryQueries library) : PageModel
{
    public PublicLesson Lesson { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid lessonId, CancellationToken ct)
    {
        if (await library.FindLessonAsync(lessonId, ct) is not { } lesson)
        {
            return NotFound();
        }

        Lesson = lesson;
        return Page();
    }
}
