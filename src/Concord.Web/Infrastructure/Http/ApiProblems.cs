using Concord.Web.Infrastructure.Writes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concord.Web.Infrastructure.Http;

/// <summary>The API's error answers, each an RFC 9457 problem (application/problem+json), written in one place.</summary>
public static class ApiProblems
{
    public const string NotFoundDetail = "There is nothing at this address that you can see.";

    public static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: NotFoundDetail);

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: Sentence(detail));

    public static ProblemHttpResult Conflict(string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: Sentence(detail), extensions: extensions);

    /// <summary>A stale write: nothing was saved. <paramref name="current"/> (when given) is the record as saved now.</summary>
    public static ProblemHttpResult Stale(string? detail = null, object? current = null) =>
        Conflict("Someone else changed this first",
            detail ?? "The record was changed after you read it. Fetch it again, reapply your change and send it with the new version",
            current is null ? null : new Dictionary<string, object?> { ["current"] = current });

    public static ValidationProblem Invalid(FieldErrors errors) =>
        TypedResults.ValidationProblem(errors.ToProblemErrors(), title: "Check what you sent",
            detail: errors.Count == 1 ? "One field needs changing." : $"{errors.Count} fields need changing.");

    public static ValidationProblem Invalid(string field, string message) => Invalid(new FieldErrors().Add(field, message));

    private static string Sentence(string text) => text.EndsWith('.') || text.EndsWith('?') || text.EndsWith('!') ? text : text + ".";
}
