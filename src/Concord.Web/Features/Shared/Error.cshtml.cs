using System.Diagnostics;
using Concord.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.Shared;

[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }
    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";
    public string TraceId { get; private set; } = "";

    public IActionResult OnGet(int code) => Show(code);

    public IActionResult OnPost(int code) => Show(code);

    private PageResult Show(int code)
    {
        // Reached directly (not re-executed after an error) the page describes the code asked for.
        Code = code is >= 400 and <= 599 ? code : 404;
        TraceId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        (Title, Message) = Code switch
        {
            404 => ("Page not found", "We could not find that page. If you typed the address, check it is correct. If you followed a link, the page may have moved or you may not have access to it."),
            403 => ("You cannot do that", "Your account does not have permission for this. Ask a coordinator or administrator if you think it should."),
            400 => ("Something was wrong with that request", "Go back and try again."),
            405 => ("That action is not available here", "Go back and try again."),
            429 => ("Too many attempts", HttpContext.Items[TooManyAttempts.ItemKey] is TooManyAttempts refusal
                ? refusal.Words
                : "Wait a few minutes and then try again."),
            >= 500 => ("Sorry, there is a problem with Concord", "Nothing you did caused this. Your last change may not have been saved – try again in a few minutes."),
            _ => ("Something went wrong", "Go back and try again."),
        };
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null &&
            HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>() is null)
        {
            Response.StatusCode = Code;
        }

        return Page();
    }
}
