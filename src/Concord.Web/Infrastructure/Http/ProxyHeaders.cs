using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Concord.Web.Infrastructure.Http;

/// <summary>
/// Behind a reverse proxy that ends HTTPS, the app sees plain HTTP from the proxy's address. When the proxy is trusted
/// (listed in <c>Proxy:KnownProxies</c> or inside <c>Proxy:KnownNetworks</c>; when neither is set and
/// <c>Concord:BehindProxy</c> is true, a proxy on this machine), its <c>X-Forwarded-Proto</c> and <c>X-Forwarded-For</c> are believed: the request is
/// HTTPS (so the session and antiforgery cookies are <c>Secure</c>, and redirects use https) and the client's address is
/// the original one (so rate limits count people, not the proxy). Headers from anyone else are ignored.
/// </summary>
public static class ProxyHeaders
{
    public const string KnownProxiesSetting = "Proxy:KnownProxies";
    public const string KnownNetworksSetting = "Proxy:KnownNetworks";
    public const string BehindProxySetting = "Concord:BehindProxy";

    /// <summary>The forwarded-headers options from configuration, or null when no proxy is trusted.</summary>
    public static ForwardedHeadersOptions? FromConfiguration(IConfiguration configuration)
    {
        var proxies = List(configuration[KnownProxiesSetting]);
        var networks = List(configuration[KnownNetworksSetting]);
        if (proxies.Count == 0 && networks.Count == 0 && !configuration.GetValue<bool>(BehindProxySetting))
        {
            return null;
        }

        // The defaults trust only this machine (127.0.0.0/8 and ::1): enough for a proxy on the same host. When proxies or
        // networks are listed, only those are trusted.
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        if (proxies.Count > 0 || networks.Count > 0)
        {
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
        }

        foreach (var proxy in proxies)
        {
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                ? address
                : throw new InvalidOperationException($"{KnownProxiesSetting}: '{proxy}' is not an IP address."));
        }

        foreach (var network in networks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"{KnownNetworksSetting}: '{network}' is not a network such as 10.0.0.0/8."));
        }

        return options;
    }

    public static WebApplication UseTrustedProxyHeaders(this WebApplication app)
    {
        if (FromConfiguration(app.Configuration) is { } options)
        {
            app.UseForwardedHeaders(options);
        }

        return app;
    }

    private static List<string> List(string? value) =>
        [.. (value ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
