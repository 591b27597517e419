using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Concord.Web.Infrastructure.Hooks;

namespace Concord.Web.Infrastructure.Export;

/// <summary>
/// A download made of many tables (the partnership hand-over, a person's subject access export): one JSON document
/// (<c>about</c> first, then each table as a named array) or a zip with <c>about.json</c> and one CSV per table.
/// Tables are read one after another as they are written, so nothing is held in memory.
/// </summary>
public sealed class TableDocument(string title, IReadOnlyDictionary<string, object?> about, IReadOnlyList<ExportTable> tables)
{
    public string Title { get; } = title;

    public IReadOnlyList<ExportTable> Tables { get; } = tables;

    /// <summary>The tables' titles, in the order they are written: what the page lists before the download.</summary>
    public IEnumerable<string> TableNames => Tables.Select(t => t.Title);

    public IResult AsJson(string fileName) => new JsonDocumentResult(this, fileName);

    public IResult AsZip(string fileName) => new ZipDocumentResult(this, fileName);

    private void WriteAbout(Utf8JsonWriter writer, JsonSerializerOptions options)
    {
        writer.WriteString("title", Title);
        foreach (var (name, value) in about)
        {
            writer.WritePropertyName(JsonNamingPolicy.CamelCase.ConvertName(name));
            JsonSerializer.Serialize(writer, value, options);
        }

        writer.WriteStartArray("tables");
        foreach (var table in Tables)
        {
            writer.WriteStringValue(table.Name);
        }

        writer.WriteEndArray();
    }

    private sealed class JsonDocumentResult(TableDocument document, string fileName) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            ExportNames.SetAttachment(httpContext.Response, "application/json; charset=utf-8", fileName);
            var options = JsonExport.Options(httpContext);
            var pipe = httpContext.Response.BodyWriter;
            var ct = httpContext.RequestAborted;
            await using (var writer = new Utf8JsonWriter(pipe, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartObject();
                writer.WriteStartObject("about");
                document.WriteAbout(writer, options);
                writer.WriteEndObject();
                foreach (var table in document.Tables)
                {
                    await table.WriteJsonAsync(writer, pipe, options, ct);
                    await writer.FlushAsync(ct);
                    await pipe.FlushAsync(ct);
                }

                writer.WriteEndObject();
            }

            await pipe.FlushAsync(ct);
        }
    }

    private sealed class ZipDocumentResult(TableDocument document, string fileName) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            ExportNames.SetAttachment(httpContext.Response, "application/zip", fileName);
            // ZipArchive still writes an entry's headers synchronously, even through its asynchronous API; this one
            // response may block a thread while it streams (a rare coordinator download), rather than buffer the whole zip.
            if (httpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpBodyControlFeature>() is { } body)
            {
                body.AllowSynchronousIO = true;
            }

            var ct = httpContext.RequestAborted;
            var options = JsonExport.Options(httpContext);
            await using var zip = await ZipArchive.CreateAsync(httpContext.Response.Body, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8, ct);

            var aboutEntry = zip.CreateEntry("about.json", CompressionLevel.Fastest);
            await using (var stream = await aboutEntry.OpenAsync(ct))
            {
                var buffer = new MemoryStream();
                await using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
                {
                    writer.WriteStartObject();
                    document.WriteAbout(writer, options);
                    writer.WriteEndObject();
                }

                buffer.Position = 0;
                await buffer.CopyToAsync(stream, ct);
            }

            foreach (var table in document.Tables)
            {
                var entry = zip.CreateEntry($"{ExportNames.Slug(ExportTable.Words(table.Name))}.csv", CompressionLevel.Fastest);
                await using var stream = await entry.OpenAsync(ct);
                await table.WriteCsvAsync(stream, ct);
            }
        }
    }
}

public static class TableDocuments
{
    /// <summary>Every table of the given parts, in the parts' order.</summary>
    public static IReadOnlyList<ExportTable> From<TPart>(IEnumerable<TPart> parts, Func<TPart, int> order, Func<TPart, IEnumerable<ExportTable>> tables) =>
        parts.OrderBy(order).ThenBy(p => p!.GetType().Name, StringComparer.Ordinal).SelectMany(tables).ToList();
}
