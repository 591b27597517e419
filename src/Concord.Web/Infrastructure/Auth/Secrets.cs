using System.Security.Cryptography;
using System.Text;

namespace Concord.Web.Infrastructure.Auth;

/// <summary>Random secrets for links and tokens, and the hashes we keep instead of them.</summary>
public static class Secrets
{
    public static string NewToken(string prefix = "") =>
        prefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>
/// The one-time secret that guards first-start set-up. It exists only while there are no accounts,
/// and is printed to the console when Concord starts.
/// </summary>
public sealed class SetupToken
{
    public string Value { get; } = Secrets.NewToken();

    public bool Matches(string? candidate) => candidate is not null && Secrets.FixedTimeEquals(candidate, Value);
}
