using System.Text.Json;

namespace Concord.Web.Infrastructure.Http;

public static class NoStoreResponses
{
    /// <summary>Cache-Control: no-store on every answer of these endpoints (secrets and personal details).</summary>
    public static TBuilder NoStore<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return await next(context);
        });
}

/// <summary>
/// Refuses (400) any request whose form fields or JSON strings contain U+0000: SQLite would store it and PostgreSQL
/// would fail on it, so no text with it is accepted anywhere. One check for every page and endpoint, not per field.
/// Uploaded files are not looked at; whatever reads them checks their text.
/// </summary>
public sealed class NulCharacterGuard(RequestDelegate next)
{
    public const string Message = "The text sent contains a character that cannot be saved (such as U+0000), or is too long. Remove it and try again.";

    public async Task InvokeAsync(HttpContext context)
    {
        if (await ContainsNulAsync(context.Request))
        {
            await RefuseAsync(context);
            return;
        }

        await next(context);
    }

    private static async Task<bool> ContainsNulAsync(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            return false;
        }

        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                // Read once and kept on the request (IFormFeature), so model binding does not read the body again.
                form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            }
            catch (InvalidDataException)
            {
                // ASP.NET Core's form reader itself refuses control characters such as U+0000 ("The form value contains
                // invalid characters"), and forms over its size limits; either way the form cannot be used.
                return true;
            }

            return form.Any(f => f.Key.Contains('\0', StringComparison.Ordinal) ||
                                 f.Value.Any(v => v is not null && v.Contains('\0', StringComparison.Ordinal)));
        }

        if (request.HasJsonContentType())
        {
            request.EnableBuffering();
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
            request.Body.Position = 0;
            return JsonContainsNul(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }

        return false;
    }

    private static bool JsonContainsNul(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            while (reader.Read())
            {
                // U+0000 can only be in a JSON string as the escape \u0000 (a raw control character is not valid JSON).
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped &&
                    reader.GetString()!.Contains('\0', StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }
        catch (JsonException)
        {
            // Not valid JSON: the endpoint answers that, as before.
        }
        catch (InvalidOperationException)
        {
            // A string that is not valid UTF-16 once unescaped: likewise the endpoint's to refuse.
        }

        return false;
    }

    private static async Task RefuseAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        if (context.Request.IsApiRequest())
        {
            var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = 400, Title = "The request contains a character that cannot be saved", Detail = NulCharacterGuard.Message },
            });
            return;
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(Message, context.RequestAborted);
    }
}
