using Concord.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Infrastructure.Writes;

/// <summary>
/// The two ways a <see cref="WriteResult{T}"/> is answered: an RFC 9457 problem (or the saved value) for the API, and
/// form errors / Forbid / NotFound / a 409 page with both versions for Razor Pages. Nothing else maps write outcomes.
/// </summary>
public static class WriteAnswers
{
    /// <summary>The API answer: <paramref name="saved"/> when saved, otherwise 400 / 403 / 404 / 409 problem details.
    /// For a stale write the problem carries the saved version as <c>current</c> (through <paramref name="currentDto"/>).</summary>
    public static IResult ToApi<T>(this WriteResult<T> result, Func<T, IResult> saved, Func<T, object>? currentDto = null) =>
        result.Saved ? saved(result.Value!) : result.Failure!.ToApi(result.Current is { } c && currentDto is not null ? currentDto(c) : null);

    public static IResult ToApi(this WriteFailure failure, object? current = null) => failure.Status switch
    {
        WriteStatus.Invalid => ApiProblems.Invalid(failure.Errors),
        WriteStatus.NotFound => ApiProblems.NotFound(),
        WriteStatus.Forbidden => ApiProblems.Forbidden(failure.Message ?? "You may not do this."),
        WriteStatus.Stale => ApiProblems.Stale(failure.Message, current),
        _ => throw new InvalidOperationException("A saved write has no problem to answer with."),
    };

    /// <summary>
    /// The page answer to a write that did not save: 404, 403 (the friendly page), the form again with each error beside its
    /// field (fields under <paramref name="prefix"/>, as the page binds them), or — stale — the form again with status 409,
    /// the message at the top, and the page's own code showing <see cref="WriteResult{T}.Current"/> beside what was typed.
    /// </summary>
    public static IActionResult Failed<T>(this PageModel page, WriteResult<T> result, string prefix = "Input")
    {
        switch (result.Status)
        {
            case WriteStatus.NotFound:
                return page.NotFound();
            case WriteStatus.Forbidden:
                return page.Forbid();
            case WriteStatus.Invalid:
                page.ModelState.AddWriteErrors(result.Errors, prefix);
                return page.Page();
            case WriteStatus.Stale:
                page.ModelState.AddModelError("", result.Message ?? WriteFailure.StaleMessage("record"));
                var stale = page.Page();
                stale.StatusCode = StatusCodes.Status409Conflict;
                return stale;
            default:
                throw new InvalidOperationException("A saved write is answered by the page itself (usually a redirect).");
        }
    }

    public static void AddWriteErrors(this Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState, FieldErrors errors, string prefix = "Input")
    {
        foreach (var (field, message) in errors)
        {
            modelState.AddModelError(field.Length == 0 ? "" : prefix.Length == 0 ? field : $"{prefix}.{field}", message);
        }
    }
}
