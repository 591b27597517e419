using Concord.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.PublicLibrary.Pages;

/// <summary>Published partnership stories, for anyone, newest first, with names taken out.</summary>
[AllowAnonymous]
public sealed class StoriesModel(PublicLibraryQueries library) : PageModel
{
    public PagedList<PublicStory> Stories { get; private set; } = new([], 1, PageRequest.DefaultSize, 0);

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int? page, [FromQuery] int? pageSize, CancellationToken ct)
    {
        if (!PageRequest.TryCreate(page, pageSize ?? 20, out var request, out _))
        {
            return BadRequest();
        }

        Stories = await library.StoriesAsync(request, ct);
        return Page();
    }

    public Shared.Pager Pager => Shared.Pager.For(Stories, Request, "story", "Pages of stories") with { Plural = "stories" };
}
