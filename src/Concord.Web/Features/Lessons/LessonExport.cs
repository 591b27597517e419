using Concord.Web.Infrastructure.Export;
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

    /// <summary>The rows, newest first, read from the database as they are written out.</summary>
    public static async IAsyncEnumerable<ExportRow> RowsAsync(LessonAccess access, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var mine = access.MyPartnershipIds();
        var lessons = access.Library().AsNoTracking().OrderByDescending(l => l.CreatedAt).ThenBy(l => l.Id)
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
            .AsAsyncEnumerable();
        await foreach (var l in lessons.WithCancellation(ct))
        {
            yield return l.Anonymised
                ? new ExportRow(l.Id, l.LibraryTitle, null, l.LibraryText, l.Kind.DisplayName(), null, l.Category, string.Join(", ", l.Tags.Order()),
                    l.Stage?.DisplayName(), null, l.PartnershipType, l.OccurredOn, l.Visibility.DisplayName(), true, l.CreatedAt)
                : new ExportRow(l.Id, l.Title, l.Context, l.WhatHappened, l.Kind.DisplayName(), l.Recommendation, l.Category, string.Join(", ", l.Tags.Order()),
                    l.Stage?.DisplayName(), l.Evidence, l.PartnershipType, l.OccurredOn, l.Visibility.DisplayName(), false, l.CreatedAt);
        }
    }

    /// <summary>The export as a streamed download: <c>csv</c> or <c>json</c>.</summary>
    public static IResult Result(LessonAccess access, string format) => format == "json"
        ? new JsonArrayResult<ExportRow>(RowsAsync(access), "lessons.json")
        : new CsvResult<ExportRow>(RowsAsync(access), Columns, "lessons.csv");
}
