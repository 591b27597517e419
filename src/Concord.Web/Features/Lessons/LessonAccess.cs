using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Lessons;

/// <summary>A lesson the caller can see, and what they may do with it.</summary>
public sealed record LessonContext(Lesson Lesson, bool IsPartnershipMember, bool CanEdit, bool CanModerate)
{
    /// <summary>Public lessons are shown anonymised to everyone outside the lesson's own partnership.</summary>
    public bool ShowAnonymised => Lesson.Visibility == LessonVisibility.Public && !IsPartnershipMember && !CanEdit;
}

/// <summary>
/// Who sees which lesson, in the query (so anything else is a 404 exactly like a missing id):
/// <list type="bullet">
/// <item>members of the lesson's partnership, and its author, see it in any state;</item>
/// <item>any signed-in person sees a published network or public lesson (public ones only once the learning team approved them);</item>
/// <item>the learning team sees network and public lessons in any state, and every event submission, to moderate them —
/// never a partnership-only lesson of a partnership they do not belong to.</item>
/// </list>
/// </summary>
public sealed class LessonAccess(ConcordDb db, CurrentUser user)
{
    public IQueryable<Lesson> Visible()
    {
        if (!user.IsAuthenticated)
        {
            return db.Set<Lesson>().Where(l => false);
        }

        var me = user.Id;
        var mine = db.Set<PartnershipMembership>().Where(m => m.AccountId == me).Select(m => m.PartnershipId);
        if (user.IsLearningTeam)
        {
            return db.Set<Lesson>().Where(l =>
                l.Visibility != LessonVisibility.Partnership || l.AuthorId == me ||
                (l.PartnershipId != null && mine.Contains(l.PartnershipId.Value)));
        }

        return db.Set<Lesson>().Where(l =>
            (l.Moderation == ModerationState.Published && l.Visibility != LessonVisibility.Partnership) ||
            l.AuthorId == me ||
            (l.PartnershipId != null && mine.Contains(l.PartnershipId.Value)));
    }

    public IQueryable<Guid> MyPartnershipIds()
    {
        var me = user.IdOrNull ?? Guid.Empty;
        return db.Set<PartnershipMembership>().Where(m => m.AccountId == me).Select(m => m.PartnershipId);
    }

    /// <summary>Published lessons the caller may read in the library.</summary>
    public IQueryable<Lesson> Library()
    {
        var me = user.IdOrNull ?? Guid.Empty;
        var mine = db.Set<PartnershipMembership>().Where(m => m.AccountId == me).Select(m => m.PartnershipId);
        return db.Set<Lesson>().Where(l => l.Moderation == ModerationState.Published &&
            (l.Visibility != LessonVisibility.Partnership || (l.PartnershipId != null && mine.Contains(l.PartnershipId.Value))));
    }

    public async Task<LessonContext?> FindAsync(Guid id, CancellationToken ct = default, bool tracking = true)
    {
        var query = Visible().Include(l => l.Tags).Include(l => l.Category).Include(l => l.Partnership).Where(l => l.Id == id);
        var lesson = tracking ? await query.FirstOrDefaultAsync(ct) : await query.AsNoTracking().FirstOrDefaultAsync(ct);
        if (lesson is null)
        {
            return null;
        }

        var me = user.Id;
        PartnershipRole? role = lesson.PartnershipId is { } pid
            ? await db.Set<PartnershipMembership>().Where(m => m.PartnershipId == pid && m.AccountId == me).Select(m => (PartnershipRole?)m.Role).FirstOrDefaultAsync(ct)
            : null;
        var canEdit = !user.IsReadOnly && (lesson.AuthorId == me || role == PartnershipRole.Coordinator);
        return new LessonContext(lesson, role is not null, canEdit, user.IsLearningTeam && !user.IsReadOnly);
    }

    /// <summary>Partnerships the caller may write a lesson for: those they contribute to (observers only read).</summary>
    public IQueryable<Partnership> PartnershipsICanWriteFor()
    {
        var me = user.Id;
        return db.Set<Partnership>().Where(p => db.Set<PartnershipMembership>().Any(m =>
            m.PartnershipId == p.Id && m.AccountId == me && m.Role != PartnershipRole.Observer));
    }
}
