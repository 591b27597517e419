using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Concord.Web.Infrastructure.Export;

/// <summary>File names for downloads: "brightwater-together-commitments-2026-12-03.csv".</summary>
public static class ExportNames
{
    public static string Slug(string name)
    {
        var slug = new string(name.ToLowerInvariant().Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-').ToArray()).Trim('-');
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }

        return slug.Length == 0 ? "concord" : slug;
    }

    public static string File(string owner, string what, DateOnly today, string extension) =>
        $"{Slug(owner)}-{what}-{today:yyyy-MM-dd}.{extension}";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>A small JSON document as a download (large ones stream with <see cref="JsonArrayResult{T}"/>).</summary>
    public static IResult JsonFile<T>(T value, string fileName) =>
        Results.File(JsonSerializer.SerializeToUtf8Bytes(value, Json), "application/json", fileName);

    public static void SetAttachment(HttpResponse response, string contentType, string fileName)
    {
        response.ContentType = contentType;
        response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition { FileName = fileName }.ToString();
        response.Headers.CacheControl = "no-store";
    }
}

/// <summary>Streams rows as Excel-safe CSV (<see cref="CsvExport"/>) as a download, reading them as it writes.</summary>
public sealed class CsvResult<T>(IAsyncEnumerable<T> rows, IReadOnlyList<CsvColumn<T>> columns, string fileName) : IResult
{
    public CsvResult(IEnumerable<T> rows, IReadOnlyList<CsvColumn<T>> columns, string fileName)
        : this(rows.ToAsyncEnumerable(), columns, fileName)
    {
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ExportNames.SetAttachment(httpContext.Response, "text/csv; charset=utf-8", fileName);
        await CsvExport.WriteAsync(rows, columns, httpContext.Response.Body, httpContext.RequestAborted);
    }
}

/// <summary>Streams rows as a JSON array download (the API's JSON rules: camelCase, enums as words), reading them as it writes.</summary>
public sealed class JsonArrayResult<T>(IAsyncEnumerable<T> rows, string fileName) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ExportNames.SetAttachment(httpContext.Response, "application/json; charset=utf-8", fileName);
        var pipe = httpContext.Response.BodyWriter;
        await using (var writer = new Utf8JsonWriter(pipe, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartArray();
            await JsonExport.WriteItemsAsync(writer, pipe, rows, JsonExport.Options(httpContext), httpContext.RequestAborted);
            writer.WriteEndArray();
        }

        await pipe.FlushAsync(httpContext.RequestAborted);
    }
}

public static class JsonExport
{
    /// <summary>The app's JSON rules (the same as the API's), for files written outside an endpoint's own serialiser.</summary>
    public static JsonSerializerOptions Options(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;

    /// <summary>
    /// Writes each row as it is read. The writer must write into <paramref name="pipe"/> (never straight into a stream):
    /// the serialiser's own flush then only moves bytes into the pipe's buffer, and the pipe is flushed asynchronously
    /// every few rows, so the response is streamed without synchronous I/O and without holding the rows.
    /// </summary>
    public static async Task WriteItemsAsync<T>(Utf8JsonWriter writer, System.IO.Pipelines.PipeWriter pipe, IAsyncEnumerable<T> rows,
        JsonSerializerOptions options, CancellationToken ct)
    {
        var written = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            JsonSerializer.Serialize(writer, row, options);
            if (++written % 100 == 0)
            {
                await writer.FlushAsync(ct);
                await pipe.FlushAsync(ct);
            }
        }

        await writer.FlushAsync(ct);
    }
}

/// <summary>Runs a minimal-API result from a page handler, so pages and the API share the export code.</summary>
public sealed class ResultAction(IResult result) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
}
