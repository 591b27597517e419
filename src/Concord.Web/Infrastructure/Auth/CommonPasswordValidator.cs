using System.Reflection;
using Concord.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Concord.Web.Infrastructure.Auth;

/// <summary>
/// Rejects passwords that appear in lists of the most common passwords, or that are built from the
/// person's own e-mail address or name. Length matters more than symbols, so no composition rules.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<Account>
{
    private static readonly Lazy<HashSet<string>> Common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<Account> manager, Account user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        var lower = password.ToLowerInvariant();
        if (IsCommon(lower))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "CommonPassword",
                Description = "This password is too common and easy to guess. Try three or four random words together.",
            }));
        }

        var localPart = user.Email?.Split('@')[0].ToLowerInvariant();
        if ((localPart is { Length: >= 4 } && lower.Contains(localPart, StringComparison.Ordinal)) ||
            (user.DisplayName.Length >= 4 && lower.Contains(user.DisplayName.ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal)))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "PersonalPassword",
                Description = "Do not use your name or e-mail address in your password.",
            }));
        }

        return Task.FromResult(IdentityResult.Success);
    }

    public static bool IsCommon(string lowerCasePassword)
    {
        if (Common.Value.Contains(lowerCasePassword))
        {
            return true;
        }

        // "password1234", "qwerty2024!" and the like: a common word with digits or symbols added at the end.
        var stem = lowerCasePassword.TrimEnd("0123456789!?.*#@$".ToCharArray());
        return stem.Length >= 4 && Common.Value.Contains(stem);
    }

    private static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Concord.Web.Infrastructure.Auth.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is missing from the build.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                set.Add(line.Trim().ToLowerInvariant());
            }
        }

        return set;
    }
}
