using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Stories.Pages;

public sealed class PartnershipStoriesModel(ConcordDb db, PartnershipAccess access) : PageModel
{
    public sealed record Row(Guid Id, string Title, StoryState State, DateTimeOffset UpdatedAt);

    public PartnershipContext Context { get; private set; } = null!;
    public IReadOnlyList<Row> Stories { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return NotFound();
        }

        Context = found;
        Stories = await db.Set<PartnershipStory>().Where(s => s.PartnershipId == id)
            .OrderByDescending(s => s.UpdatedAt).Select(s => new Row(s.Id, s.Title, s.State, s.UpdatedAt)).ToListAsync(ct);
        return Page();
    }

    /// <summary>A form post without a handler name matches nothing here: 404, the same for members and everyone else.</summary>
    [Requires(PartnershipOperation.View)]
    public IActionResult OnPost() => NotFound();
}
