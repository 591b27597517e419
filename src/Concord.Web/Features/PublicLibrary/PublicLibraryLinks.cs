using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.PublicLibrary;

/// <summary>
/// Links people share — a member's address for a lesson (<c>/lessons/{id}</c>) or a published story (<c>/stories/{id}</c>) —
/// opened without an account: when the public may read that lesson or story, the visitor is sent to its public page instead
/// of the sign-in page (called by the sign-in cookie's redirect). Anything else still goes to sign in, so the answer says
/// nothing about records the public may not read.
/// </summary>
public static partial class PublicLibraryLinks
{
    public static string LessonPage(Guid id) => $"/library/lessons/{id}";

    public static string StoryPage(Guid id) => $"/library/stories/{id}";

    /// <summary>The public page for the address asked for, or null when there is none (then sign-in is the answer).</summary>
    public static async Task<string?> PublicPageForAsync(HttpContext http)
    {
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            return null;
        }

        var match = MemberAddress().Match(http.Request.Path.Value ?? "");
        if (!match.Success || !Guid.TryParse(match.Groups["id"].Value, out var id))
        {
            return null;
        }

        var library = http.RequestServices.GetRequiredService<PublicLibraryQueries>();
        var ct = http.RequestAborted;
        return match.Groups["kind"].Value.ToLowerInvariant() == "lessons"
            ? await library.Lessons().AnyAsync(l => l.Id == id, ct) ? LessonPage(id) : null
            : await library.Stories().AnyAsync(s => s.Id == id, ct) ? StoryPage(id) : null;
    }

    [GeneratedRegex(@"^/(?<kind>lessons|stories)/(?<id>[0-9a-fA-F-]{36})/?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MemberAddress();
}
