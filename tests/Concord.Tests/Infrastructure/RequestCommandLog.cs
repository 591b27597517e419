using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Tests.Infrastructure;

/// <summary>
/// The SQL commands HTTP requests send to the database. Commands outside a request (the outbox sender, test set-up
/// through <see cref="ConcordFactory.WithDbAsync(Func{Concord.Web.Infrastructure.Database.ConcordDb, Task})"/>) are not recorded.
/// </summary>
public sealed class RequestCommandLog(IHttpContextAccessor http) : DbCommandInterceptor
{
    private readonly ConcurrentQueue<string> commands = new();

    /// <summary>Registers the log as an EF Core interceptor of the app (pass to ConcordFactory's services callback).</summary>
    public static void AddTo(IServiceCollection services)
    {
        services.AddSingleton<RequestCommandLog>();
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<RequestCommandLog>());
    }

    /// <summary>The commands recorded since the last call, oldest first.</summary>
    public IReadOnlyList<string> Take()
    {
        var taken = new List<string>();
        while (commands.TryDequeue(out var sql))
        {
            taken.Add(sql);
        }

        return taken;
    }

    private void Record(DbCommand command)
    {
        if (http.HttpContext is not null)
        {
            commands.Enqueue(command.CommandText);
        }
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }
}
