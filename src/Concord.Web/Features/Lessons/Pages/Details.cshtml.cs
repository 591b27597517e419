using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Lessons.Pages;

public sealed class DetailsModel(ConcordDb db, LessonAccess access, LessonTaxonomy taxonomy, LessonCommands commands) : PageModel
{
    public LessonContext Context { get; private set; } = null!;
    public Lesson Lesson => Context.Lesson;
    public IReadOnlyList<(CategorySuggestion Suggestion, Guid CategoryId)> Suggestions { get; private set; } = [];
    public List<SelectListItem> CategoryChoices { get; private set; } = [];
    public string? CollectedAt { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct, tracking: false) is not { } found)
        {
            return NotFound();
        }

        await LoadAsync(found, ct);
        return Page();
    }

    /// <summary>A form post without a handler: nothing to do here (404, as for any form of a lesson one cannot see).</summary>
    public IActionResult OnPost() => NotFound();

    /// <summary>Publishes a draft (a public one goes to the learning team first).</summary>
    public async Task<IActionResult> OnPostPublishAsync(Guid id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return NotFound();
        }

        if (!found.CanEdit)
        {
            return Forbid();
        }

        if (found.Lesson.Moderation is ModerationState.Draft or ModerationState.Rejected)
        {
            await commands.PublishAsync(found.Lesson, ct);
        }

        TempData["StatusMessage"] = LessonCommands.PublishedMessage(found.Lesson);
        return Redirect($"/lessons/{id}");
    }

    /// <summary>Applies a suggested (or chosen) category in one click.</summary>
    public async Task<IActionResult> OnPostCategoryAsync(Guid id, Guid categoryId, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return NotFound();
        }

        if (!found.CanEdit && !found.CanModerate)
        {
            return Forbid();
        }

        var category = await db.Set<LessonCategoryEntry>().FirstOrDefaultAsync(c => c.Id == categoryId && !c.IsRetired, ct);
        if (category is null)
        {
            ModelState.AddModelError("categoryId", "Choose a category from the list");
            await LoadAsync(found, ct);
            return Page();
        }

        await commands.SetCategoryAsync(found.Lesson, category.Id, ct);
        TempData["StatusMessage"] = $"The lesson is now in the category {category.Name}.";
        return Redirect($"/lessons/{id}");
    }

    private async Task LoadAsync(LessonContext found, CancellationToken ct)
    {
        Context = found;
        if (found.Lesson.CategoryId is null && (found.CanEdit || found.CanModerate))
        {
            Suggestions = await taxonomy.SuggestAsync(found.Lesson, ct);
            CategoryChoices = await taxonomy.OptionsAsync(null, ct, "Choose a category");
        }

        if (found.Lesson.CollectionLinkId is { } link && found.CanModerate)
        {
            CollectedAt = await db.Set<LessonCollectionLink>().Where(l => l.Id == link).Select(l => l.Name).FirstOrDefaultAsync(ct);
        }
    }
}
