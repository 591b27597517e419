using System.Text;
using Concord.Web.Features.Partnerships;
using Concord.Web.Features.Shared;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Email;
using Concord.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Concord.Web.Features.Commitments;

public sealed class DigestOptions
{
    /// <summary>The London hour from which the day's digest is sent.</summary>
    public int Hour { get; set; } = 7;
    /// <summary>Commitments due within this many days (today included) are listed, with every late one.</summary>
    public int WithinDays { get; set; } = 7;
    /// <summary>How often the service looks whether today's digest is due.</summary>
    public double CheckMinutes { get; set; } = 15;
    public bool Enabled { get; set; } = true;
}

/// <summary>What one run did: sent (how many e-mails) or found the day's digest already sent.</summary>
public sealed record DigestOutcome(DateOnly Date, bool Sent, int Messages);

/// <summary>
/// Once a day, e-mails each owner of commitments that are late or due soon (the named person, otherwise the owner
/// partner's lead contact). The day is recorded in commitment_digest_runs in the same SaveChanges as the e-mails
/// (queued in the outbox); its date is the key, so a second run that day, in this process or another, saves nothing.
/// </summary>
public sealed class CommitmentDigest(IServiceScopeFactory scopes, IOptionsMonitor<DigestOptions> options, TimeProvider clock, ILogger<CommitmentDigest> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var londonNow = London.ToLondon(clock.GetUtcNow());
                if (options.CurrentValue.Enabled && londonNow.Hour >= options.CurrentValue.Hour)
                {
                    await RunAsync(clock, stoppingToken);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "The commitments digest could not be sent; it will try again.");
            }

            try
            {
                await Task.Delay(TimeSpan.FromMinutes(Math.Max(0.01, options.CurrentValue.CheckMinutes)), clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private sealed record Row(Commitment Commitment, string Partnership, string Owner, string? PersonEmail, string? PersonName, bool PersonActive,
        string? LeadEmail, string? LeadName, bool LeadActive);

    /// <summary>Sends the digest for the London date of <paramref name="time"/>'s now, unless it was sent already that day.</summary>
    public async Task<DigestOutcome> RunAsync(TimeProvider time, CancellationToken ct = default)
    {
        var today = London.Today(time);
        var within = Math.Max(0, options.CurrentValue.WithinDays);
        var horizon = today.AddDays(within);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConcordDb>();
        if (await db.Set<DigestRun>().AnyAsync(r => r.Date == today, ct))
        {
            return new DigestOutcome(today, false, 0);
        }

        var rows = await db.Set<Commitment>().AsNoTracking()
            .Where(c => c.ReportedStatus != CommitmentStatus.Done && (c.DueDate <= horizon || c.ReportedStatus == CommitmentStatus.Late))
            .Select(c => new Row(c,
                db.Set<Partnership>().Where(p => p.Id == c.PartnershipId).Select(p => p.Name).First(),
                c.OwnerPartner!.Organisation!.Name,
                c.OwnerPerson!.Email, c.OwnerPerson!.DisplayName, c.OwnerPerson != null && c.OwnerPerson.IsActive,
                c.OwnerPartner!.LeadContact!.Email, c.OwnerPartner!.LeadContact!.DisplayName, c.OwnerPartner.LeadContact != null && c.OwnerPartner.LeadContact.IsActive))
            .ToListAsync(ct);
        var byId = rows.ToDictionary(r => r.Commitment.Id);
        var chosen = CommitmentRules.ForDigest(rows.Select(r => r.Commitment.ToFacts()), today, within).Select(f => byId[f.Id]);

        var outbox = new EmailOutbox(db, time);
        var links = scope.ServiceProvider.GetRequiredService<LinkBuilder>();
        var messages = 0;
        foreach (var group in chosen
                     .Select(r => (Row: r, To: r.Commitment.OwnerPersonId is not null && r.PersonActive ? (r.PersonEmail, r.PersonName) : r.LeadActive ? (r.LeadEmail, r.LeadName) : (null, null)))
                     .Where(x => !string.IsNullOrWhiteSpace(x.Item2.Item1))
                     .GroupBy(x => x.Item2.Item1!, StringComparer.OrdinalIgnoreCase))
        {
            var body = new StringBuilder();
            var name = group.First().Item2.Item2;
            body.AppendLine($"Hello {(string.IsNullOrWhiteSpace(name) ? "there" : name)},").AppendLine()
                .AppendLine("These commitments you answer for are late or due soon:").AppendLine();
            foreach (var (row, _) in group)
            {
                var c = row.Commitment;
                var status = CommitmentRules.EffectiveStatus(c.ReportedStatus, c.DueDate, today);
                body.AppendLine($"- {c.What} ({row.Owner}, {row.Partnership})")
                    .AppendLine($"  Due {Display.Date(c.DueDate)}: {CommitmentRules.DueHint(c.DueDate, today)}. Status: {CommitmentDisplay.Status(status)}.")
                    .AppendLine($"  {links.Absolute($"/partnerships/{c.PartnershipId}/commitments/{c.Id}")}").AppendLine();
            }

            body.AppendLine("Please record an update on each one, so the partnership knows where things stand.")
                .AppendLine().AppendLine("Concord");
            var count = group.Count();
            outbox.Enqueue(group.Key, count == 1 ? "1 commitment is late or due soon" : $"{count} commitments are late or due soon", body.ToString());
            messages++;
        }

        db.Add(new DigestRun { Date = today, RanAt = time.GetUtcNow(), Messages = messages });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another process recorded today's run first; its e-mails stand and these are not saved.
            return new DigestOutcome(today, false, 0);
        }

        return new DigestOutcome(today, true, messages);
    }
}

public static class CommitmentDisplay
{
    public static string Status(CommitmentStatus status) => status switch
    {
        CommitmentStatus.OnTrack => "On track",
        CommitmentStatus.AtRisk => "At risk",
        CommitmentStatus.Late => "Late",
        CommitmentStatus.Done => "Done",
        _ => status.ToString(),
    };

    /// <summary>A status from a filter or form: "Late", "late", "on-track", "On track". Anything else is no status.</summary>
    public static CommitmentStatus? TryParse(string? value) =>
        !string.IsNullOrWhiteSpace(value) &&
        Enum.TryParse<CommitmentStatus>(value.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal), true, out var s) &&
        Enum.IsDefined(s) && !int.TryParse(value, out _)
            ? s
            : null;

    /// <summary>CSS modifier for the status tag; the words always say the status too.</summary>
    public static string Tag(CommitmentStatus status) => status switch
    {
        CommitmentStatus.Late => "tag--bad",
        CommitmentStatus.AtRisk => "tag--warn",
        CommitmentStatus.Done => "tag--neutral",
        _ => "tag--ok",
    };
}
