using System.Text.Json;
using Concord.Web.Infrastructure.Export;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Lessons;

/// <summary>
/// CSV and JSON export of the lessons a person can read in the library (the same visibility as the library);
/// public lessons from outside the person's partnerships are exported anonymised, as the library shows them.
/// </summary>
public static class LessonExport
{
    public sealed record ExportRow(Guid Id, string Title, string? Context, string? WhatHappened, string Kind, string? Recommendation,
        string? Category, string Tags, string? Stage, string? Evidence, string? PartnershipType, DateOnly? OccurredOn,
        string Visibility, bool Anonymised, DateTimeOffset CreatedAt);

    private static readonly IReadOnlyList<CsvColumn<ExportRow>> Columns =
    [
        new("Title", r => r.Title),
        new("Context", r => r.Context),
        new("What happened", r => r.WhatHappened),
        new("Kind", r => r.Kind),
        new("Recommendation", r => r.Recommendation),
        new("Category", r => r.Category),
        new("Tags", r => r.Tags),
        new("Stage", r => r.Stage),
        new("Evidence", r => r.Evidence),
        new("Type of partnership", r => r.PartnershipType),
        new("Date", r => r.OccurredOn),
        new("Visibility", r => r.Visibility),
        new("Anonymised", r => r.Anonymised),
        new("Created", r => r.CreatedAt),
        new("Id", r => r.Id),
    ];

    public static async Task<List<ExportRow>> RowsAsync(LessonAccess access, CancellationToken ct)
    {
        var mine = access.MyPartnershipIds();
        var lessons = await access.Library().AsNoTracking().OrderByDescending(l => l.CreatedAt)
            .Select(l => new
            {
                l.Id,
                l.Title,
                l.Context,
                l.WhatHappened,
                l.Kind,
                l.Recommendation,
                Category = l.Category!.Name,
                Tags = l.Tags.Select(t => t.Tag).ToList(),
                l.Stage,
                l.Evidence,
                l.PartnershipType,
                l.OccurredOn,
                l.Visibility,
                l.LibraryTitle,
                l.LibraryText,
                l.CreatedAt,
                Anonymised = l.Visibility == LessonVisibility.Public && !(l.PartnershipId != null && mine.Contains(l.PartnershipId.Value)),
            })
            .ToListAsync(ct);
        return [.. lessons.Select(l => l.Anonymised
            ? new ExportRow(l.Id, l.LibraryTitle, null, l.LibraryText, l.Kind.DisplayName(), null, l.Category, string.Join(", ", l.Tags.Order()),
                l.Stage?.DisplayName(), null, l.PartnershipType, l.OccurredOn, l.Visibility.DisplayName(), true, l.CreatedAt)
            : new ExportRow(l.Id, l.Title, l.Context, l.WhatHappened, l.Kind.DisplayName(), l.Recommendation, l.Category, string.Join(", ", l.Tags.Order()),
                l.Stage?.DisplayName(), l.Evidence, l.PartnershipType, l.OccurredOn, l.Visibility.DisplayName(), false, l.CreatedAt))];
    }

    public static Task WriteCsvAsync(IEnumerable<ExportRow> rows, Stream output, CancellationToken ct) => CsvExport.WriteAsync(rows, Columns, output, ct);

    public static async Task<PushStreamHttpResult> ResultAsync(LessonAccess access, string format, CancellationToken ct)
    {
        var rows = await RowsAsync(access, ct);
        return format == "json"
            ? TypedResults.Stream(s => JsonSerializer.SerializeAsync(s, rows, JsonSerializerOptions.Web, ct), "application/json", "lessons.json")
            : TypedResults.Stream(s => CsvExport.WriteAsync(rows, Columns, s, ct), "text/csv; charset=utf-8", "lessons.csv");
    }
}
