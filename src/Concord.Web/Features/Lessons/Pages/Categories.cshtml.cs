using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Lessons.Pages;

/// <summary>The learning team edits the category taxonomy: add, rename, describe, retire (and bring back).</summary>
public sealed class CategoriesModel(ConcordDb db, CurrentUser user, LessonCommands commands) : PageModel
{
    public sealed class CategoryInput
    {
        public Guid? Id { get; set; }
        public string? Name { get; set; }
        public string? Description { get; set; }
        public string? Keywords { get; set; }
        public bool Retired { get; set; }
        public int Version { get; set; }
    }

    public sealed record Row(LessonCategoryEntry Category, int Lessons);

    [BindProperty]
    public CategoryInput Input { get; set; } = new();

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    /// <summary>The category being changed (from ?edit=id), or null when adding.</summary>
    public LessonCategoryEntry? Editing { get; private set; }

    /// <summary>Set when someone else saved the category first: what is saved now, shown beside what the person typed.</summary>
    public LessonCategoryEntry? Saved { get; private set; }
    public int StartedFromVersion { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? edit, CancellationToken ct)
    {
        if (!user.IsLearningTeam)
        {
            return Forbid();
        }

        if (edit is { } id)
        {
            Editing = await db.Set<LessonCategoryEntry>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
            if (Editing is null)
            {
                return NotFound();
            }

            Input = new CategoryInput { Id = Editing.Id, Name = Editing.Name, Description = Editing.Description, Keywords = Editing.Keywords, Retired = Editing.IsRetired, Version = Editing.Version };
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!user.IsLearningTeam || user.IsReadOnly)
        {
            return Forbid();
        }

        var result = await commands.SaveCategoryAsync(Input.Id, new CategoryFields(Input.Name, Input.Description, Input.Keywords, Input.Retired), Input.Version, ct);
        if (result.Saved)
        {
            TempData["StatusMessage"] = Input.Id is null ? $"You added the category {result.Value!.Name}." : $"You saved the category {result.Value!.Name}.";
            return Redirect("/lessons/categories");
        }

        if (Input.Id is { } id)
        {
            Editing = await db.Set<LessonCategoryEntry>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        }

        if (result.Status == WriteStatus.Stale)
        {
            // Nothing of this edit was written: show both versions, and let the person save theirs over it or cancel.
            Saved = result.Current;
            StartedFromVersion = Input.Version;
            ModelState.Remove("Input.Version");
            Input.Version = Saved!.Version;
        }

        await LoadAsync(ct);
        return this.Failed(result);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var categories = await db.Set<LessonCategoryEntry>().AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Name).ToListAsync(ct);
        var counts = await db.Set<Lesson>().Where(l => l.CategoryId != null).GroupBy(l => l.CategoryId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        Rows = [.. categories.Select(c => new Row(c, counts.FirstOrDefault(x => x.Key == c.Id)?.Count ?? 0))];
    }
}
