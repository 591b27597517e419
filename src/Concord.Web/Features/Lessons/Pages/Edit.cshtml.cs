using Concord.Web.Infrastructure.Writes;
using Microsoft.AspNetCore.Mvc;

namespace Concord.Web.Features.Lessons.Pages;

public sealed class EditModel(LessonAccess access, LessonTaxonomy taxonomy, LessonCommands commands) : LessonFormPage(access, taxonomy)
{
    [BindProperty]
    public LessonInput Input { get; set; } = new();

    public Lesson Lesson { get; private set; } = null!;

    /// <summary>Set when someone else saved first: the lesson as saved now, shown beside what the person typed.</summary>
    public Lesson? Saved { get; private set; }
    public int StartedFromVersion { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await Access.FindAsync(id, ct, tracking: false) is not { } found)
        {
            return NotFound();
        }

        if (!found.CanEdit)
        {
            return Forbid();
        }

        Lesson = found.Lesson;
        Input = LessonInput.From(found.Lesson);
        await LoadChoicesAsync(Lesson.CategoryId, Lesson.PartnershipId, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, bool publish, CancellationToken ct)
    {
        if (await Access.FindAsync(id, ct, tracking: false) is not { } found)
        {
            return NotFound();
        }

        Lesson = found.Lesson;
        if (!found.CanEdit)
        {
            return Forbid();
        }

        await LoadChoicesAsync(Lesson.CategoryId, Lesson.PartnershipId, ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await commands.UpdateAsync(id, Input.Fields(), Input.Version, publish, ct);
        if (result.Saved)
        {
            TempData["StatusMessage"] = publish || result.Value!.Moderation == ModerationState.Pending
                ? LessonCommands.PublishedMessage(result.Value!)
                : "You saved the lesson.";
            return Redirect($"/lessons/{id}");
        }

        if (result.Status == WriteStatus.Stale)
        {
            // Nothing of this edit was written: show both versions, and let the person save theirs over it or cancel.
            Saved = result.Current;
            StartedFromVersion = Input.Version;
            ModelState.Remove("Input.Version");
            Input.Version = Saved!.Version;
        }

        return this.Failed(result);
    }
}
