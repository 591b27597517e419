using System.Text.RegularExpressions;
using Concord.Web.Features.Audit;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Lessons.Pages;

/// <summary>The learning team edits the category taxonomy: add, rename, describe, retire (and bring back).</summary>
public sealed partial class CategoriesModel(ConcordDb db, CurrentUser user, Auditor auditor) : PageModel
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

        LessonCategoryEntry? category = null;
        if (Input.Id is { } id)
        {
            category = await db.Set<LessonCategoryEntry>().FirstOrDefaultAsync(c => c.Id == id, ct);
            if (category is null)
            {
                return NotFound();
            }

            Editing = category;
        }

        var name = Input.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            ModelState.AddModelError("Input.Name", "Enter the category's name");
        }
        else if (name.Length > 100)
        {
            ModelState.AddModelError("Input.Name", "The name must be 100 characters or fewer");
        }
        else if (await db.Set<LessonCategoryEntry>().AnyAsync(c => c.Name.ToLower() == name.ToLower() && c.Id != Input.Id, ct))
        {
            ModelState.AddModelError("Input.Name", "There is already a category with that name");
        }

        if (Input.Description?.Length > 1000)
        {
            ModelState.AddModelError("Input.Description", "The description must be 1,000 characters or fewer");
        }

        if (Input.Keywords?.Length > 2000)
        {
            ModelState.AddModelError("Input.Keywords", "The keywords must be 2,000 characters or fewer");
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        if (category is null)
        {
            var slug = Slug(name!);
            var taken = await db.Set<LessonCategoryEntry>().Where(c => c.Slug.StartsWith(slug)).Select(c => c.Slug).ToListAsync(ct);
            var unique = slug;
            for (var n = 2; taken.Contains(unique); n++)
            {
                unique = $"{slug}-{n}";
            }

            var order = await db.Set<LessonCategoryEntry>().MaxAsync(c => (int?)c.SortOrder, ct) ?? 0;
            category = new LessonCategoryEntry { Slug = unique, Name = name!, SortOrder = order + 10 };
            db.Add(category);
        }
        else
        {
            db.ExpectVersion(category, Input.Version);
        }

        category.Name = name!;
        category.Description = Input.Description?.Trim() ?? "";
        category.Keywords = string.Join(", ", (Input.Keywords ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        category.IsRetired = Input.Id is not null && Input.Retired;
        auditor.Record(LessonAuditActions.CategoryChanged, nameof(LessonCategoryEntry), category.Id, details: category.Name);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", "Someone else changed this category while you were editing it. Your changes have not been saved. Open it again to see theirs");
            await LoadAsync(ct);
            return Page();
        }

        TempData["StatusMessage"] = Input.Id is null ? $"You added the category {category.Name}." : $"You saved the category {category.Name}.";
        return Redirect("/lessons/categories");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var categories = await db.Set<LessonCategoryEntry>().AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Name).ToListAsync(ct);
        var counts = await db.Set<Lesson>().Where(l => l.CategoryId != null).GroupBy(l => l.CategoryId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        Rows = [.. categories.Select(c => new Row(c, counts.FirstOrDefault(x => x.Key == c.Id)?.Count ?? 0))];
    }

    private static string Slug(string name)
    {
        var slug = NonSlug().Replace(name.ToLowerInvariant(), "-").Trim('-');
        slug = slug.Length > 60 ? slug[..60].Trim('-') : slug;
        return slug.Length == 0 ? "category" : slug;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonSlug();
}
