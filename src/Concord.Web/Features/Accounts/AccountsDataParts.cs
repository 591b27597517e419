using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Hooks;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Accounts;

/// <summary>
/// The account's own part of a subject access export: the account itself, its API tokens (names and dates — never the
/// secrets, which Concord does not keep) and the invitations sent to its e-mail address or sent by it.
/// </summary>
public sealed class AccountsDataParts(ConcordDb db) : IPersonalDataPart
{
    public int Order => 0;

    public sealed record AccountRow(Guid Id, string Name, string? Email, bool EmailConfirmed, NetworkRole NetworkRole, bool Active,
        bool TwoStepVerification, DateTimeOffset CreatedAt, DateTimeOffset? LastSignInAt);

    public sealed record TokenRow(Guid Id, string Name, ApiTokenKind Kind, ApiTokenScope Scope, string Prefix, DateTimeOffset CreatedAt,
        DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

    public sealed record InvitationRow(Guid Id, string Email, string Direction, string? Organisation, string? Partnership,
        DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? AcceptedAt, DateTimeOffset? RevokedAt);

    public IEnumerable<ExportTable> Tables(Guid accountId)
    {
        yield return ExportTable.Of("account",
            () => db.Users.AsNoTracking().Where(a => a.Id == accountId)
                .Select(a => new AccountRow(a.Id, a.DisplayName, a.Email, a.EmailConfirmed, a.NetworkRole, a.IsActive, a.TwoFactorEnabled,
                    a.CreatedAt, a.LastSignInAt))
                .AsAsyncEnumerable(),
            [
                new("Id", r => r.Id), new("Name", r => r.Name), new("E-mail", r => r.Email), new("E-mail confirmed", r => r.EmailConfirmed),
                new("Network role", r => r.NetworkRole), new("Active", r => r.Active), new("Two-step verification", r => r.TwoStepVerification),
                new("Created", r => r.CreatedAt), new("Last signed in", r => r.LastSignInAt),
            ]);

        yield return ExportTable.Of("apiTokens",
            () => db.Set<ApiToken>().AsNoTracking().Where(t => t.AccountId == accountId).OrderBy(t => t.CreatedAt)
                .Select(t => new TokenRow(t.Id, t.Name, t.Kind, t.Scope, t.Prefix, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt))
                .AsAsyncEnumerable(),
            [
                new("Id", r => r.Id), new("Name", r => r.Name), new("Kind", r => r.Kind), new("Scope", r => r.Scope), new("Starts with", r => r.Prefix),
                new("Created", r => r.CreatedAt), new("Expires", r => r.ExpiresAt), new("Last used", r => r.LastUsedAt), new("Revoked", r => r.RevokedAt),
            ], "API tokens");

        yield return ExportTable.Of("invitations",
            () => InvitationsOf(accountId),
            [
                new("Id", r => r.Id), new("E-mail", r => r.Email), new("Sent or received", r => r.Direction), new("Organisation", r => r.Organisation),
                new("Partnership", r => r.Partnership), new("Created", r => r.CreatedAt), new("Expires", r => r.ExpiresAt),
                new("Accepted", r => r.AcceptedAt), new("Revoked", r => r.RevokedAt),
            ]);
    }

    private async IAsyncEnumerable<InvitationRow> InvitationsOf(Guid accountId)
    {
        var email = await db.Users.Where(a => a.Id == accountId).Select(a => a.NormalizedEmail).FirstOrDefaultAsync();
        var rows = db.Set<Invitation>().AsNoTracking()
            .Where(i => i.InvitedById == accountId || i.AcceptedById == accountId || (email != null && i.Email.ToUpper() == email))
            .OrderBy(i => i.CreatedAt)
            .Select(i => new InvitationRow(i.Id, i.Email, i.InvitedById == accountId ? "Sent" : "Received",
                i.Organisation == null ? null : i.Organisation.Name, i.Partnership == null ? null : i.Partnership.Name,
                i.CreatedAt, i.ExpiresAt, i.AcceptedAt, i.RevokedAt))
            .AsAsyncEnumerable();
        await foreach (var row in rows)
        {
            yield return row;
        }
    }
}
