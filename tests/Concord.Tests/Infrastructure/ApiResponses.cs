using System.Net;
using System.Text.Json;

namespace Concord.Tests.Infrastructure;

/// <summary>
/// Reading API answers in tests (imported with <c>using static</c> in every test file by Concord.Tests.csproj):
/// the status is checked first, with the body in the failure message, then the JSON is returned.
/// </summary>
public static class ApiResponses
{
    /// <summary>The response's JSON (default for an empty body) after checking the status.</summary>
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected} {expected}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement;
    }

    /// <summary>An RFC 9457 problem with the expected status, as application/problem+json.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var problem = await JsonAsync(response, expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        return problem;
    }
}
