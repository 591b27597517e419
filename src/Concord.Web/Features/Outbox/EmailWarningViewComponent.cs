using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Email;
using Microsoft.AspNetCore.Mvc;

namespace Concord.Web.Features.Outbox;

/// <summary>
/// The warning network admins see at the top of every page while e-mail is not leaving Concord: no mail server set up, or
/// messages failing or stuck. Nobody else sees it, and for them it costs nothing (the role is in the sign-in). For admins
/// the state comes from <see cref="EmailStatus"/>, read at most once per bound per process.
/// </summary>
public sealed class EmailWarningViewComponent(CurrentUser user, EmailStatus status) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (!user.IsNetworkAdmin)
        {
            return Content("");
        }

        var health = await status.GetAsync(HttpContext.RequestAborted);
        return health.State == EmailState.Working
            ? Content("")
            : View("~/Features/Outbox/EmailWarning.cshtml", health);
    }
}
