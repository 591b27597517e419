using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Lessons.Pages;

public sealed class EditModel(ConcordDb db, LessonAccess access, LessonTaxonomy taxonomy, LessonCommands commands) : LessonFormPage(access, taxonomy)
{
    [BindProperty]
    public LessonInput Input { get; set; } = new();

    public Lesson Lesson { get; private set; } = null!;
    public bool Stale { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await Access.FindAsync(id, ct) is not { } found)
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
        if (await Access.FindAsync(id, ct) is not { } found)
        {
            return NotFound();
        }

        if (!found.CanEdit)
        {
            return Forbid();
        }

        Lesson = found.Lesson;
        if (ModelState.IsValid)
        {
            try
            {
                var outcome = await commands.UpdateAsync(found.Lesson, Input.Fields(), Input.Version, publish, ct);
                if (outcome.Succeeded)
                {
                    TempData["StatusMessage"] = publish ? LessonCommands.PublishedMessage(found.Lesson) : "You saved the lesson.";
                    return Redirect($"/lessons/{id}");
                }

                AddErrors(outcome.Errors);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone saved first: nothing of this edit was written.
                db.ChangeTracker.Clear();
                var saved = await db.Set<Lesson>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct);
                if (saved is null)
                {
                    return NotFound();
                }

                Stale = true;
                ModelState.Remove("Input.Version");
                Input.Version = saved.Version;
                ModelState.AddModelError("", "Someone else changed this lesson while you were editing it. Your changes have not been saved. Check the lesson, then save again to replace their changes with yours");
            }
        }

        await LoadChoicesAsync(Lesson.CategoryId, Lesson.PartnershipId, ct);
        return Page();
    }
}
