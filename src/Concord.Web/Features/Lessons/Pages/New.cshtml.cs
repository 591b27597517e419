using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Writes;
using Microsoft.AspNetCore.Mvc;

namespace Concord.Web.Features.Lessons.Pages;

public sealed class NewModel(LessonAccess access, LessonTaxonomy taxonomy, LessonCommands commands, CurrentUser user) : LessonFormPage(access, taxonomy)
{
    [BindProperty]
    public LessonInput Input { get; set; } = new();

    public async Task OnGetAsync(Guid? partnershipId, CancellationToken ct)
    {
        Input.PartnershipId = partnershipId;
        Input.Visibility = partnershipId is null ? LessonVisibility.Network : LessonVisibility.Partnership;
        await LoadChoicesAsync(null, null, ct);
    }

    public async Task<IActionResult> OnPostAsync(bool publish, CancellationToken ct)
    {
        if (user.IsReadOnly)
        {
            return Forbid();
        }

        if (!ModelState.IsValid)
        {
            await LoadChoicesAsync(null, null, ct);
            return Page();
        }

        var result = await commands.CreateAsync(Input.Fields(), publish, ct);
        if (result.Saved)
        {
            TempData["StatusMessage"] = LessonCommands.PublishedMessage(result.Value!);
            return Redirect($"/lessons/{result.Value!.Id}");
        }

        await LoadChoicesAsync(null, null, ct);
        return this.Failed(result);
    }
}
