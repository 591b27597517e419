using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Lessons.Pages;

/// <summary>What the write and change pages share: the choices for the form's selects.</summary>
public abstract class LessonFormPage(LessonAccess access, LessonTaxonomy taxonomy) : PageModel
{
    protected LessonAccess Access { get; } = access;

    protected async Task LoadChoicesAsync(Guid? currentCategory, Guid? currentPartnership, CancellationToken ct)
    {
        ViewData["Categories"] = await taxonomy.OptionsAsync(currentCategory, ct);
        var partnerships = await Access.PartnershipsICanWriteFor().OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync(ct);
        var items = new List<SelectListItem> { new("None: my own lesson", "") };
        items.AddRange(partnerships.Select(p => new SelectListItem(p.Name, p.Id.ToString())));
        if (currentPartnership is { } current && partnerships.All(p => p.Id != current))
        {
            items.Add(new SelectListItem("The lesson's partnership", current.ToString()));
        }

        ViewData["Partnerships"] = items;
    }
}
