using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Stories.Pages;

public sealed class PartnershipStoriesModel(PartnershipScope scope, StoryCommands commands) : PageModel
{
    public sealed record Row(Guid Id, string Title, StoryState State, DateTimeOffset UpdatedAt);

    public Partnership Partnership => scope.Partnership;
    public bool CanWrite => scope.Can(PartnershipOperation.Contribute);
    public IReadOnlyList<Row> Stories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Stories = await commands.InPartnership(scope)
            .OrderByDescending(s => s.UpdatedAt).ThenBy(s => s.Id).Select(s => new Row(s.Id, s.Title, s.State, s.UpdatedAt)).ToListAsync(ct);
    }

    /// <summary>A form post without a handler name matches nothing here: 404, the same for members and everyone else.</summary>
    [Requires(PartnershipOperation.View)]
    public IActionResult OnPost() => NotFound();
}
