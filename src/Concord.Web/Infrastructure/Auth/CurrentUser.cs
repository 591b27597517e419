using System.Security.Claims;
using Concord.Web.Features.Accounts;

namespace Concord.Web.Infrastructure.Auth;

/// <summary>The person making this request, read from the signed-in principal (cookie or API token).</summary>
public sealed class CurrentUser(IHttpContextAccessor accessor)
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;

    public Guid Id => Guid.TryParse(Principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
        ? id
        : throw new InvalidOperationException("No one is signed in.");

    public Guid? IdOrNull => IsAuthenticated && Guid.TryParse(Principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public string? Email => Principal?.FindFirstValue(ClaimTypes.Email) ?? Principal?.FindFirstValue(ClaimTypes.Name);

    public string DisplayName => Principal?.FindFirstValue(ConcordClaims.DisplayName) ?? Email ?? "";

    public NetworkRole NetworkRole =>
        Enum.TryParse<NetworkRole>(Principal?.FindFirstValue(ConcordClaims.NetworkRole), out var role) ? role : NetworkRole.None;

    public bool IsNetworkAdmin => NetworkRole == NetworkRole.NetworkAdmin;

    public bool IsLearningTeam => NetworkRole == NetworkRole.LearningTeam;

    /// <summary>True when the caller used a read-only personal access token.</summary>
    public bool IsReadOnly => Principal?.FindFirstValue(ConcordClaims.Scope) == nameof(ApiTokenScope.Read);

    public string? IpAddress => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
}

public static class ConcordClaims
{
    public const string DisplayName = "concord:name";
    public const string NetworkRole = "concord:network-role";
    public const string Scope = "concord:scope";
    public const string TokenId = "concord:token";
    public const string TwoFactorRequired = "concord:2fa-required";
    public const string TwoFactorEnabled = "concord:2fa";
}
