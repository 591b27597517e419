using System.Text;
using Concord.Web.Infrastructure.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace Concord.Web.Features.Accounts;

/// <summary>The e-mails accounts need: confirm an address, reset a password. Queued in the caller's transaction.</summary>
public sealed class AccountEmails(UserManager<Account> users, EmailOutbox outbox, LinkBuilder links)
{
    public async Task QueueConfirmationAsync(Account account)
    {
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(account));
        var link = links.Absolute($"/account/confirm-email?userId={account.Id}&code={code}");
        outbox.Enqueue(account.Email!, "Confirm your e-mail address for Concord",
            $"""
            Hello {account.DisplayName},

            Please confirm that this is your e-mail address for Concord by opening this link:

            {link}

            If you did not expect this e-mail, you can ignore it.
            """);
    }

    public async Task QueuePasswordResetAsync(Account account)
    {
        var code = Encode(await users.GeneratePasswordResetTokenAsync(account));
        var link = links.Absolute($"/account/reset-password?email={Uri.EscapeDataString(account.Email!)}&code={code}");
        outbox.Enqueue(account.Email!, "Reset your Concord password",
            $"""
            Hello {account.DisplayName},

            Someone asked to reset the password for your Concord account. To choose a new password, open this link
            within 2 hours:

            {link}

            If it was not you, you can ignore this e-mail: your password stays the same.
            """);
    }

    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    public static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
