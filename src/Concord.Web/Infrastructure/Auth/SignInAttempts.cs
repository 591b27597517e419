using System.Globalization;
using Microsoft.Extensions.Caching.Memory;

namespace Concord.Web.Infrastructure.Auth;

/// <summary>
/// Counts failed sign-ins (the sign-in page and POST /api/v1/auth/token) in fixed 15-minute windows, per account
/// (the e-mail address typed, known or not) and per client address, separately. Page views and successful sign-ins
/// never count, so a room of people sharing one address can all sign in; only guessing is slowed down.
/// Ask <see cref="Refusal"/> before checking a password and call <see cref="Failed"/> when the check fails.
/// The counters live in this process's memory (see ARCHITECTURE.md, "Rate limits").
/// </summary>
public sealed class SignInAttempts(IMemoryCache cache, IConfiguration configuration, TimeProvider clock)
{
    public const string AccountLimitKey = "RateLimits:sign-in-failures-account";
    public const string AddressLimitKey = "RateLimits:sign-in-failures-address";
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly Lock gate = new();

    private int AccountLimit => configuration.GetValue<int?>(AccountLimitKey) ?? 10;
    private int AddressLimit => configuration.GetValue<int?>(AddressLimitKey) ?? 100;

    /// <summary>Why this attempt is refused before any password is checked, and for how long; null when it may go ahead.</summary>
    public TooManyAttempts? Refusal(HttpContext http, string? email)
    {
        var now = clock.GetUtcNow();
        if (Wait(AddressKey(http), AddressLimit, now) is { } fromHere)
        {
            return new TooManyAttempts(fromHere, "Too many attempts from here.");
        }

        return Wait(AccountKey(email), AccountLimit, now) is { } forAccount
            ? new TooManyAttempts(forAccount, "Too many attempts to sign in to this account.")
            : null;
    }

    public void Failed(HttpContext http, string? email)
    {
        var now = clock.GetUtcNow();
        Count(AddressKey(http), now);
        Count(AccountKey(email), now);
    }

    private TimeSpan? Wait(string key, int limit, DateTimeOffset now) =>
        cache.TryGetValue(key, out Counter? counter) && counter is not null && counter.Ends > now && counter.Count >= limit
            ? counter.Ends - now
            : null;

    private void Count(string key, DateTimeOffset now)
    {
        lock (gate)
        {
            if (!cache.TryGetValue(key, out Counter? counter) || counter is null || counter.Ends <= now)
            {
                counter = new Counter { Ends = now + Window };
                cache.Set(key, counter, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Window });
            }

            counter.Count++;
        }
    }

    private static string AddressKey(HttpContext http) => "sign-in-failures:address:" + http.Connection.RemoteIpAddress;

    private static string AccountKey(string? email) =>
        "sign-in-failures:account:" + (email ?? "").Trim().ToUpperInvariant();

    private sealed class Counter
    {
        public DateTimeOffset Ends { get; init; }
        public int Count { get; set; }
    }
}

/// <summary>A 429 answer: how long to wait, and the words that say so.</summary>
public sealed record TooManyAttempts(TimeSpan RetryAfter, string Reason)
{
    public const string ItemKey = "Concord.TooManyAttempts";

    public string Words => $"{Reason} {TryAgainIn(RetryAfter)}";

    public static string TryAgainIn(TimeSpan wait)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        return minutes == 1 ? "Try again in 1 minute." : $"Try again in {minutes.ToString(CultureInfo.InvariantCulture)} minutes.";
    }

    /// <summary>Sets Retry-After (whole seconds) and keeps the words for the error page or problem.</summary>
    public void Apply(HttpContext http)
    {
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        http.Items[ItemKey] = this;
    }
}
