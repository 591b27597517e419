using Concord.Web.Features.Accounts;
using Concord.Web.Infrastructure;
using Concord.Web.Infrastructure.Commands;
using Concord.Web.Infrastructure.Database;
using Microsoft.Extensions.Logging.Console;

// Concord runs as one process. The first argument may name an app command
// (migrate, demo, ...); everything else is passed on to ASP.NET Core configuration.
var (command, commandArgs, hostArgs) = AppCommands.Split(args);

var builder = WebApplication.CreateBuilder(hostArgs);
if (command is not null)
{
    // A command's standard output is its result (for example demo --json); logs go to standard error.
    builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
}

builder.AddConcord();

var app = builder.Build();
app.UseConcord();

if (command is not null)
{
    return await AppCommands.RunAsync(app, command, commandArgs);
}

await app.PrepareDatabaseForStartAsync();
app.PrintUrlsWhenStarted();
app.PrintSetupLinkWhenStarted();
await app.RunAsync();
return 0;

/// <summary>Entry point type, visible to the test host.</summary>
public partial class Program;
