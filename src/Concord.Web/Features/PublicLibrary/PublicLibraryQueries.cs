using Concord.Web.Features.Accounts;
using Concord.Web.Features.Lessons;
using Concord.Web.Features.Partnerships;
using Concord.Web.Features.Stories;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Http;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.PublicLibrary;

/// <summary>
/// A public lesson as anyone may read it: only what the library shows of it (the anonymised <see cref="Lesson.LibraryTitle"/>
/// and <see cref="Lesson.LibraryText"/>) and the network's own words for it. Never the lesson's raw words, author, partnership
/// or who sent it.
/// </summary>
public sealed record PublicLesson(Guid Id, string Title, string Text, LessonKind Kind, string? Category, string? CategorySlug,
    PartnershipStage? Stage, string? PartnershipType, DateOnly? OccurredOn, DateTimeOffset CreatedAt);

/// <summary>A lesson found by the public search: the anonymised title and snippet as safe HTML.</summary>
public sealed record PublicLessonHit(Guid Id, string TitleHtml, string SnippetHtml, LessonKind Kind, string? Category, string? CategorySlug,
    PartnershipStage? Stage, DateTimeOffset CreatedAt);

/// <summary>A published story as the public reads it: its words with names taken out, and when it was published.</summary>
public sealed record PublicStory(Guid Id, string Title, string Background, string WhatWasDone, string WhatWasLearned, DateTimeOffset PublishedAt)
{
    /// <summary>A short summary for the list: the start of what was learned (or the background), on one line.</summary>
    public string Summary
    {
        get
        {
            var text = string.IsNullOrWhiteSpace(WhatWasLearned) ? Background : WhatWasLearned;
            return LessonSearch.Shorten(string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), 240);
        }
    }
}

/// <summary>
/// The public library: what anyone may read without an account. Lessons that are public <em>and</em> published (approved by
/// the learning team), through the library's own search restricted to them; and published partnership stories, anonymised
/// when they are read with the same rule as public lessons (<see cref="LessonAnonymiser"/> with the names of the story's
/// partnership, its partner organisations and its people). Anything else is not found, exactly like a missing id.
/// </summary>
public sealed class PublicLibraryQueries(ConcordDb db, LessonSearch search)
{
    /// <summary>Lessons anyone may read: public and published, nothing else.</summary>
    public IQueryable<Lesson> Lessons() =>
        db.Set<Lesson>().Where(l => l.Visibility == LessonVisibility.Public && l.Moderation == ModerationState.Published);

    /// <summary>Published stories (the only ones the public may read).</summary>
    public IQueryable<PartnershipStory> Stories() => db.Set<PartnershipStory>().Where(s => s.State == StoryState.Published);

    public Task<PublicLesson?> FindLessonAsync(Guid id, CancellationToken ct) =>
        Lessons().AsNoTracking().Where(l => l.Id == id)
            .Select(l => new PublicLesson(l.Id, l.LibraryTitle, l.LibraryText, l.Kind, l.Category != null ? l.Category.Name : null,
                l.Category != null ? l.Category.Slug : null, l.Stage, l.PartnershipType, l.OccurredOn, l.CreatedAt))
            .FirstOrDefaultAsync(ct);

    /// <summary>The library's search (same words, filters, ranking and highlights as the members' library), public lessons only.</summary>
    public async Task<(IReadOnlyList<PublicLessonHit> Items, LessonResults Results)> SearchAsync(LessonQuery query, CancellationToken ct)
    {
        var results = await search.SearchPublicAsync(query, ct);
        var items = results.Items
            .Select(h => new PublicLessonHit(h.Lesson.Id, h.TitleHtml, h.SnippetHtml, h.Lesson.Kind, h.Lesson.Category?.Name, h.Lesson.Category?.Slug,
                h.Lesson.Stage, h.Lesson.CreatedAt))
            .ToList();
        return (items, results);
    }

    /// <summary>
    /// The type of partnership, only when it is one of the network's own describing words: a lesson may carry free text there,
    /// which nobody anonymised.
    /// </summary>
    public static string? SafePartnershipType(string? type) =>
        type is not null && LessonOptions.PartnershipTypes.Contains(type.Trim(), StringComparer.OrdinalIgnoreCase) ? type.Trim() : null;

    /// <summary>A page of published stories, newest first, anonymised.</summary>
    public async Task<PagedList<PublicStory>> StoriesAsync(PageRequest request, CancellationToken ct)
    {
        var total = await Stories().CountAsync(ct);
        var rows = await Stories().AsNoTracking().OrderByDescending(s => s.PublishedAt).ThenBy(s => s.Id).Skip(request.Skip).Take(request.Size)
            .ToListAsync(ct);
        var names = await NamesAsync(rows, ct);
        return request.Of<PublicStory>([.. rows.Select(s => Anonymise(s, names[s.PartnershipId]))], total);
    }

    public async Task<PublicStory?> FindStoryAsync(Guid id, CancellationToken ct)
    {
        var story = await Stories().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        return story is null ? null : Anonymise(story, (await NamesAsync([story], ct))[story.PartnershipId]);
    }

    private static PublicStory Anonymise(PartnershipStory s, AnonymisationNames names)
    {
        var (texts, _) = LessonAnonymiser.AnonymiseAll([s.Title, s.Background, s.WhatWasDone, s.WhatWasLearned], names);
        return new PublicStory(s.Id, texts[0], texts[1], texts[2], texts[3], s.PublishedAt ?? s.UpdatedAt);
    }

    /// <summary>
    /// The names to take out of each partnership's stories: the partnership's, its partner organisations' (past ones too), its
    /// members' and the stories' writers' (full names and first names, which people often use alone). Four queries for a page.
    /// </summary>
    private async Task<Dictionary<Guid, AnonymisationNames>> NamesAsync(IReadOnlyCollection<PartnershipStory> stories, CancellationToken ct)
    {
        var ids = stories.Select(s => s.PartnershipId).Distinct().ToList();
        var writers = stories.Where(s => s.CreatedById != null).Select(s => s.CreatedById!.Value).Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var partnerships = await db.Set<Partnership>().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.Name }).ToListAsync(ct);
        var organisations = await db.Set<Partner>().Where(p => ids.Contains(p.PartnershipId)).Select(p => new { p.PartnershipId, p.Organisation!.Name }).ToListAsync(ct);
        var people = await db.Set<PartnershipMembership>().Where(m => ids.Contains(m.PartnershipId)).Select(m => new { m.PartnershipId, m.Account!.DisplayName })
            .ToListAsync(ct);
        // A writer may have left the partnership since.
        var writerNames = writers.Count == 0 ? [] : await db.Set<Account>().Where(a => writers.Contains(a.Id)).Select(a => a.DisplayName).ToListAsync(ct);
        return ids.ToDictionary(id => id, id =>
        {
            var full = people.Where(p => p.PartnershipId == id).Select(p => p.DisplayName).Concat(writerNames).Where(n => !string.IsNullOrWhiteSpace(n)).ToList();
            var first = full.Select(n => n.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(n => n.Length > 1).Select(n => n[0]);
            return new AnonymisationNames(
                [.. partnerships.Where(p => p.Id == id).Select(p => p.Name)],
                [.. organisations.Where(o => o.PartnershipId == id).Select(o => o.Name)],
                [.. full.Concat(first).Distinct()]);
        });
    }
}
