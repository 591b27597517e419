using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Writes;
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
        var result = await commands.PublishAsync(id, ct);
        if (result.Saved)
        {
            TempData["StatusMessage"] = LessonCommands.PublishedMessage(result.Value!);
            return Redirect($"/lessons/{id}");
        }

        return await FailedAsync(id, result, ct);
    }

    /// <summary>Applies a suggested (or chosen) category in one click.</summary>
    public async Task<IActionResult> OnPostCategoryAsync(Guid id, Guid? categoryId, CancellationToken ct)
    {
        var result = await commands.SetCategoryAsync(id, categoryId, ct);
        if (result.Saved)
        {
            TempData["StatusMessage"] = $"The lesson is now in the category {result.Value!.Name}.";
            return Redirect($"/lessons/{id}");
        }

        return await FailedAsync(id, result, ct);
    }

    /// <summary>The lesson page again with the problem (a stale write: someone changed the lesson meanwhile, so it shows theirs).</summary>
    private async Task<IActionResult> FailedAsync<T>(Guid id, WriteResult<T> result, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        if (result.Status is WriteStatus.Invalid or WriteStatus.Stale && await access.FindAsync(id, ct, tracking: false) is { } found)
        {
            await LoadAsync(found, ct);
        }

        return this.Failed(result, "");
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
