using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Concord.Web.Features.Accounts;

/// <summary>Puts Identity's errors beside the field they are about, in our words.</summary>
public static class AccountErrors
{
    public static void AddTo(ModelStateDictionary modelState, IdentityResult result, string passwordField, string emailField = "Input.Email")
    {
        foreach (var error in result.Errors)
        {
            var (field, message) = error.Code switch
            {
                "DuplicateEmail" or "DuplicateUserName" => (emailField, "An account with this e-mail address already exists. Sign in instead, or reset your password."),
                "InvalidEmail" or "InvalidUserName" => (emailField, "Enter an e-mail address in the right format, like name@example.org"),
                "PasswordTooShort" => (passwordField, "Your password must be at least 10 characters long"),
                "PasswordRequiresUniqueChars" => (passwordField, "Your password must use at least 4 different characters"),
                "PasswordMismatch" => (passwordField, "The current password is not correct"),
                "InvalidToken" => ("", "This link has expired or has already been used. Ask for a new one."),
                _ => (passwordField, error.Description),
            };
            modelState.AddModelError(field, message);
        }
    }
}
