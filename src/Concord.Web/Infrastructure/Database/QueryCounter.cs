using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Concord.Web.Infrastructure.Database;

/// <summary>
/// Opt-in diagnostic: with configuration <c>Diagnostics:QueryCount</c> set to true, every HTTP response carries
/// <c>X-Concord-Queries: N</c>, the number of database commands (round trips through EF Core) the request ran up to the
/// moment the response started. Off by default, and then nothing is registered, so it costs nothing.
/// The load benchmark (<c>bench/load.sh</c>) reads it for each page it measures. A test can switch it on with
/// <see cref="AddTo"/> (for example through the test factory's services hook) and read it with <see cref="Read"/>.
/// </summary>
public sealed class QueryCounter : DbCommandInterceptor
{
    public const string ConfigurationKey = "Diagnostics:QueryCount";
    public const string HeaderName = "X-Concord-Queries";

    // The count of the request whose async flow is running; set by the middleware, null outside a request.
    private static readonly AsyncLocal<Counter?> Current = new();

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue<bool>(ConfigurationKey);

    /// <summary>Registers the interceptor (which ConcordDb picks up with the other DI interceptors) and the middleware that sets the header.</summary>
    public static IServiceCollection AddTo(IServiceCollection services)
    {
        services.AddSingleton<IInterceptor, QueryCounter>();
        services.AddSingleton<IStartupFilter, HeaderStartupFilter>();
        return services;
    }

    /// <summary>The count a response carries, or null when the diagnostic is off.</summary>
    public static int? Read(HttpResponseMessage response) =>
        response.Headers.TryGetValues(HeaderName, out var values) &&
        int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : null;

    private static void Count() => Current.Value?.Increment();

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Count();
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Count();
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Count();
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    private sealed class Counter
    {
        private int value;

        public int Value => Volatile.Read(ref value);

        public void Increment() => Interlocked.Increment(ref value);
    }

    /// <summary>Puts the counting middleware first in the pipeline, so everything a request does is counted.</summary>
    private sealed class HeaderStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                var counter = new Counter();
                Current.Value = counter;
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers[HeaderName] = counter.Value.ToString(CultureInfo.InvariantCulture);
                    return Task.CompletedTask;
                });
                await nextMiddleware(context);
            });
            next(app);
        };
    }
}
