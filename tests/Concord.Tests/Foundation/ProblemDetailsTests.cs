using System.Data.Common;
using System.Net;
using System.Text.Json;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Tests.Foundation;

[Collection(AppCollection.Name)]
public sealed class ProblemDetailsTests(AppFixture fixture)
{
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
        return problem;
    }

    [Fact]
    public async Task Unknown_api_route_is_a_404_problem()
    {
        var client = (await fixture.ForAsync(Db.Sqlite)).CreateClient();
        await ProblemAsync(await client.GetAsync("/api/v1/no-such-thing"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Wrong_method_is_a_405_problem()
    {
        var client = (await fixture.ForAsync(Db.Sqlite)).CreateClient();
        await ProblemAsync(await client.DeleteAsync("/api/v1/network"), HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task Unexpected_failure_is_a_500_problem_with_a_trace_id_and_no_stack_trace()
    {
        var fault = new FaultInjection();
        await using var app = await ConcordFactory.CreateAsync(Db.Sqlite, services: s => s.AddSingleton<IInterceptor>(fault));
        var client = app.CreateClient();
        fault.Enabled = true;

        var response = await client.GetAsync("/api/v1/network");

        var problem = await ProblemAsync(response, HttpStatusCode.InternalServerError);
        var text = problem.ToString();
        Assert.DoesNotContain("InvalidOperationException", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain(FaultInjection.Message, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_that_fails_shows_a_friendly_page_not_a_stack_trace()
    {
        var fault = new FaultInjection();
        await using var app = await ConcordFactory.CreateAsync(Db.Sqlite, services: s => s.AddSingleton<IInterceptor>(fault));
        var client = app.CreateClient();
        fault.Enabled = true;

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Sorry, there is a problem with Concord", html, StringComparison.Ordinal);
        Assert.DoesNotContain(FaultInjection.Message, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_page_is_a_friendly_404_page()
    {
        var client = (await fixture.ForAsync(Db.Sqlite)).CreateClient();
        var response = await client.GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Makes every database command fail, as a broken disk or dropped server would.</summary>
    private sealed class FaultInjection : DbCommandInterceptor
    {
        public const string Message = "Injected database failure for the test";

        public bool Enabled { get; set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
            Enabled ? throw new InvalidOperationException(Message) : base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }
}
