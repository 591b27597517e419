using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Export;
using Concord.Web.Infrastructure.Hooks;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Lessons;

/// <summary>A lesson as the hand-over and subject access exports show it: as written (not anonymised), in any state.</summary>
public sealed record LessonExportRow(Guid Id, Guid? PartnershipId, string Title, string? Context, string? WhatHappened, LessonKind Kind,
    string? Recommendation, string? Category, string Tags, PartnershipStage? Stage, string? Evidence, string? PartnershipType, DateOnly? OccurredOn,
    LessonVisibility Visibility, ModerationState Moderation, bool WrittenByThisAccount, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>Shared by both parts: the rows of some lessons, oldest first, streamed from the database.</summary>
internal static class LessonExportRows
{
    public static readonly IReadOnlyList<CsvColumn<LessonExportRow>> Columns =
    [
        new("Title", r => r.Title),
        new("Context", r => r.Context),
        new("What happened", r => r.WhatHappened),
        new("Kind", r => r.Kind.DisplayName()),
        new("Recommendation", r => r.Recommendation),
        new("Category", r => r.Category),
        new("Tags", r => r.Tags),
        new("Stage", r => r.Stage?.DisplayName()),
        new("Evidence", r => r.Evidence),
        new("Type of partnership", r => r.PartnershipType),
        new("Date", r => r.OccurredOn),
        new("Visibility", r => r.Visibility.DisplayName()),
        new("State", r => r.Moderation.DisplayName()),
        new("Created", r => r.CreatedAt),
        new("Updated", r => r.UpdatedAt),
        new("Partnership id", r => r.PartnershipId?.ToString()),
        new("Id", r => r.Id.ToString()),
    ];

    public static IAsyncEnumerable<LessonExportRow> Of(IQueryable<Lesson> lessons, Guid? accountId) =>
        lessons.AsNoTracking().OrderBy(l => l.CreatedAt).ThenBy(l => l.Id)
            .Select(l => new
            {
                l.Id,
                l.PartnershipId,
                l.Title,
                l.Context,
                l.WhatHappened,
                l.Kind,
                l.Recommendation,
                Category = l.Category != null ? l.Category.Name : null,
                Tags = l.Tags.Select(t => t.Tag).ToList(),
                l.Stage,
                l.Evidence,
                l.PartnershipType,
                l.OccurredOn,
                l.Visibility,
                l.Moderation,
                l.AuthorId,
                l.CreatedAt,
                l.UpdatedAt,
            })
            .AsAsyncEnumerable()
            .Select(l => new LessonExportRow(l.Id, l.PartnershipId, l.Title, l.Context, l.WhatHappened, l.Kind, l.Recommendation, l.Category,
                string.Join(", ", l.Tags.Order(StringComparer.Ordinal)), l.Stage, l.Evidence, l.PartnershipType, l.OccurredOn, l.Visibility, l.Moderation,
                accountId is { } a && l.AuthorId == a, l.CreatedAt, l.UpdatedAt));
}

/// <summary>Lessons' part of a partnership's hand-over export: every lesson of the partnership, in any state, as written.</summary>
public sealed class LessonsExportPart(ConcordDb db) : IPartnershipExportPart
{
    public int Order => 60;

    public IEnumerable<ExportTable> Tables(PartnershipScope scope)
    {
        var id = scope.Id;
        yield return ExportTable.Of("lessons", () => LessonExportRows.Of(db.Set<Lesson>().Where(l => l.PartnershipId == id), null), LessonExportRows.Columns);
    }
}

/// <summary>Lessons' part of what Concord holds about one account: the lessons they wrote, in any partnership and state.</summary>
public sealed class LessonsPersonalDataPart(ConcordDb db) : IPersonalDataPart
{
    public int Order => 60;

    public IEnumerable<ExportTable> Tables(Guid accountId)
    {
        yield return ExportTable.Of("lessonsWritten", () => LessonExportRows.Of(db.Set<Lesson>().Where(l => l.AuthorId == accountId), accountId), LessonExportRows.Columns);
    }
}
