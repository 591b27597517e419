using Concord.Web.Infrastructure.Auth;

namespace Concord.Tests.Accounts;

public sealed class PasswordRuleTests
{
    [Theory]
    [InlineData("password")]
    [InlineData("password1234")]
    [InlineData("qwertyuiop")]
    [InlineData("1234567890")]
    [InlineData("liverpool2024!")]
    [InlineData("volunteer123")]
    public void Common_passwords_and_common_words_with_digits_added_are_rejected(string password) =>
        Assert.True(CommonPasswordValidator.IsCommon(password));

    [Theory]
    [InlineData("a long walk by the river")]
    [InlineData("teapot lantern orbit fig")]
    [InlineData("Brightwater kettle 7 hats")]
    public void Long_unusual_passphrases_are_accepted(string password) =>
        Assert.False(CommonPasswordValidator.IsCommon(password.ToLowerInvariant()));
}
