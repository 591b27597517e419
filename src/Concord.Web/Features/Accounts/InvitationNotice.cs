using System.Text.Json;
using Concord.Web.Infrastructure.Email;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Concord.Web.Features.Accounts;

/// <summary>
/// What the inviter sees once, on the page they land on after inviting: whether the e-mail is on its way, and the
/// invitation link to send themselves if it does not arrive. It travels in TempData (a data-protected cookie) and is
/// gone once read, so the secret link is shown once and never stored in clear.
/// </summary>
public sealed record InvitationNotice(string Email, string Link, EmailState Mail)
{
    private const string Key = "InvitationNotice";

    public static InvitationNotice For(IssuedInvitation issued, EmailHealth mail) => new(issued.Invitation.Email, issued.Link, mail.State);

    public void Keep(ITempDataDictionary tempData) => tempData[Key] = JsonSerializer.Serialize(this);

    public static InvitationNotice? Take(ITempDataDictionary tempData)
    {
        if (tempData[Key] is not string json)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<InvitationNotice>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>What happened to the e-mail, in words for the inviter.</summary>
    public string Words => Mail switch
    {
        EmailState.NotConfigured =>
            $"The invitation for {Email} is ready, but Concord cannot send e-mail because no mail server is set up. Send them the link below yourself.",
        EmailState.Failing =>
            $"The invitation e-mail to {Email} is waiting to be sent, but Concord has had trouble sending e-mail recently, so it may be late or not arrive. Send them the link below as well.",
        _ => $"The invitation e-mail to {Email} is queued and Concord sends it within a few minutes. The link works for 7 days.",
    };
}
