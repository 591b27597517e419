using Concord.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Lessons.Pages;

/// <summary>
/// Import lessons from a CSV file: upload, see a preview with every row's problems, then confirm. The file's
/// content travels to the confirm step in a hidden field and is read and checked again there, so what is saved
/// is exactly what was previewed; all lessons are saved in one transaction, or none.
/// </summary>
public sealed class ImportModel(LessonAccess access, LessonTaxonomy taxonomy, LessonCommands commands, CurrentUser user) : Microsoft.AspNetCore.Mvc.RazorPages.PageModel
{
    public const int MaxFileBytes = 1024 * 1024;

    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? FileContent { get; set; }
    [BindProperty] public string? FileName { get; set; }
    [BindProperty] public Guid? PartnershipId { get; set; }
    [BindProperty] public LessonVisibility Visibility { get; set; } = LessonVisibility.Network;

    public LessonImportPreview? Preview { get; private set; }
    public List<SelectListItem> Partnerships { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        if (user.IsReadOnly)
        {
            return Forbid();
        }

        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "Choose a CSV file");
        }
        else if (Upload.Length > MaxFileBytes)
        {
            ModelState.AddModelError(nameof(Upload), "The file must be 1 MB or smaller. Split it into smaller files");
        }
        else
        {
            using var memory = new MemoryStream();
            await Upload.CopyToAsync(memory, ct);
            FileContent = Convert.ToBase64String(memory.ToArray());
            FileName = Path.GetFileName(Upload.FileName);
        }

        await CheckChoicesAsync(ct);
        if (ModelState.IsValid)
        {
            Preview = await ParseAsync(ct);
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken ct)
    {
        if (user.IsReadOnly)
        {
            return Forbid();
        }

        await CheckChoicesAsync(ct);
        Preview = ModelState.IsValid ? await ParseAsync(ct) : null;
        if (Preview is null || Preview.HasErrors)
        {
            ModelState.AddModelError("", "Nothing was imported. Correct the file and upload it again");
            await LoadAsync(ct);
            return Page();
        }

        var count = await commands.ImportAsync(Preview, PartnershipId, Visibility, ct);
        TempData["StatusMessage"] = $"You imported {count} {(count == 1 ? "lesson" : "lessons")} as drafts. Publish them when they are ready.";
        return Redirect("/lessons");
    }

    private async Task<LessonImportPreview?> ParseAsync(CancellationToken ct)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(FileContent ?? "");
        }
        catch (FormatException)
        {
            ModelState.AddModelError(nameof(Upload), "Upload the file again");
            return null;
        }

        if (bytes.Length == 0 || bytes.Length > MaxFileBytes)
        {
            ModelState.AddModelError(nameof(Upload), "Upload the file again");
            return null;
        }

        var categories = (await taxonomy.AllAsync(ct)).Where(c => !c.IsRetired).Select(c => c.ToRule()).ToList();
        using var stream = new MemoryStream(bytes);
        return LessonCsvImport.Parse(stream, categories);
    }

    private async Task CheckChoicesAsync(CancellationToken ct)
    {
        if (PartnershipId is { } pid && !await access.PartnershipsICanWriteFor().AnyAsync(p => p.Id == pid, ct))
        {
            ModelState.AddModelError(nameof(PartnershipId), "Choose a partnership you contribute to");
        }

        if (Visibility == LessonVisibility.Partnership && PartnershipId is null)
        {
            ModelState.AddModelError(nameof(Visibility), "Choose a partnership, or share the lessons with the network");
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var partnerships = await access.PartnershipsICanWriteFor().OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync(ct);
        Partnerships = [new SelectListItem("None", ""), .. partnerships.Select(p => new SelectListItem(p.Name, p.Id.ToString()))];
    }
}
