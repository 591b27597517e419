using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Lessons.Pages;

/// <summary>
/// The learning team's queue: lessons sent at events and lessons to be made public. Approve (with visibility, category and,
/// for a public lesson, the title and text the public will read, corrected as needed) or reject with a reason for the author.
/// </summary>
public sealed class ModerationModel(CurrentUser user, LessonAccess access, LessonCommands commands, LessonTaxonomy taxonomy) : PageModel
{
    public sealed record Item(Lesson Lesson, string? LinkName);

    /// <summary>What was sent for one lesson, kept when the form comes back with a problem.</summary>
    public sealed record Sent(Guid LessonId, LessonVisibility? Visibility, Guid? CategoryId, string? PublicTitle, string? PublicText, string? Reason);

    public IReadOnlyList<Item> Items { get; private set; } = [];
    public List<SelectListItem> Categories { get; private set; } = [];
    public Sent? Posted { get; private set; }

    /// <summary>The prefix of one lesson's fields in errors and ids ("m" and the id without dashes).</summary>
    public static string Prefix(Guid lessonId) => "m" + lessonId.ToString("N");

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!user.IsLearningTeam)
        {
            return Forbid();
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid lessonId, string? decision, LessonVisibility? visibility, Guid? categoryId,
        string? publicTitle, string? publicText, string? reason, CancellationToken ct)
    {
        if (!user.IsLearningTeam)
        {
            return Forbid();
        }

        bool? approve = decision switch { "approve" => true, "reject" => false, _ => null };
        var result = await commands.ModerateAsync(lessonId, new ModerationDecision(approve, visibility, categoryId, publicTitle, publicText, reason),
            showPublicVersionFirst: true, ct);
        if (result.Saved)
        {
            var lesson = result.Value!;
            TempData["StatusMessage"] = lesson.Moderation switch
            {
                ModerationState.Published => $"You published “{lesson.Title}” ({lesson.Visibility.DisplayName()}).",
                ModerationState.Rejected => $"You did not publish “{lesson.Title}”. Its author can see your reason.",
                _ => $"Names are taken out of “{lesson.Title}”: check the text as the public will read it, correct it if you need to, then approve it.",
            };
            return Redirect(lesson.Moderation == ModerationState.Pending ? $"/lessons/moderation#lesson-{lesson.Id}" : "/lessons/moderation");
        }

        Posted = new Sent(lessonId, visibility, categoryId, publicTitle, publicText, reason);
        await LoadAsync(ct);
        return this.Failed(result, Prefix(lessonId));
    }

    /// <summary>The first error for one lesson's field, if any.</summary>
    public string? ErrorFor(Guid lessonId, string field) =>
        ModelState.TryGetValue($"{Prefix(lessonId)}.{field}", out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;

    private async Task LoadAsync(CancellationToken ct)
    {
        var pending = await access.Visible().AsNoTracking().Include(l => l.Tags).Include(l => l.Category).Include(l => l.CollectionLink)
            .Where(l => l.Moderation == ModerationState.Pending)
            .OrderBy(l => l.CreatedAt).Take(100).ToListAsync(ct);
        Items = [.. pending.Select(l => new Item(l, l.CollectionLink?.Name))];
        Categories = await taxonomy.OptionsAsync(null, ct, "Leave as it is");
    }
}
