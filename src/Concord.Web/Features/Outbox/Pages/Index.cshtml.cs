using Concord.Web.Features.Audit;
using Concord.Web.Features.Shared;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Email;
using Concord.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Concord.Web.Features.Outbox.Pages;

/// <summary>
/// The e-mail outbox, for network admins (everyone else gets 404): each message's recipient, subject, status, attempts,
/// last error and times, newest first, a page at a time; unsent messages can be sent again. Bodies are never shown: many
/// hold someone's single-use link (an invitation, a password reset, an address confirmation).
/// </summary>
public sealed class IndexModel(ConcordDb db, CurrentUser user, OutboxCommands commands, EmailStatus status, Auditor audit,
    IOptionsMonitor<EmailOptions> options) : PageModel
{
    public sealed record Row(Guid Id, string To, string Subject, DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, DateTimeOffset? SentAt,
        int Attempts, string? LastError);

    public PagedList<Row> Messages { get; private set; } = new([], 1, PageRequest.DefaultSize, 0);
    public Pager Pager => Pager.For(Messages, Request, "e-mail", "Pages of e-mails");
    public bool UnsentOnly { get; private set; }
    public int FailedWaiting { get; private set; }
    public bool Configured => status.IsConfigured;
    public int MaxAttempts => options.CurrentValue.MaxAttempts;

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int? page, [FromQuery] int? pageSize, [FromQuery] string? show,
        CancellationToken ct)
    {
        if (!user.IsNetworkAdmin)
        {
            return NotFound();
        }

        if (!PageRequest.TryCreate(page, pageSize, out var request, out _))
        {
            return BadRequest();
        }

        UnsentOnly = string.Equals(show, "unsent", StringComparison.OrdinalIgnoreCase);
        var query = db.Set<OutboxMessage>().AsQueryable();
        if (UnsentOnly)
        {
            query = query.Where(m => m.SentAt == null);
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Skip(request.Skip).Take(request.Size)
            .Select(m => new Row(m.Id, m.To, m.Subject, m.CreatedAt, m.NextAttemptAt, m.SentAt, m.Attempts, m.LastError))
            .ToListAsync(ct);
        Messages = request.Of(rows, total);
        FailedWaiting = await db.Set<OutboxMessage>().CountAsync(m => m.SentAt == null && m.LastError != null, ct);
        // Recipients' addresses are personal data: who read them is recorded, as for the account list.
        await audit.RecordReadAsync("E-mail outbox (recipients)", nameof(OutboxMessage), null, ct: ct);
        return Page();
    }

    /// <summary>A form post without a handler name matches nothing here.</summary>
    public IActionResult OnPost() => NotFound();

    public async Task<IActionResult> OnPostResendAsync(Guid messageId, CancellationToken ct)
    {
        if (!user.IsNetworkAdmin)
        {
            return NotFound();
        }

        var outcome = await commands.ResendAsync(messageId, ct);
        if (outcome == ResendOutcome.NotFound)
        {
            return NotFound();
        }

        TempData["StatusMessage"] = outcome switch
        {
            ResendOutcome.AlreadySent => "That e-mail has already been sent, so it was not sent again.",
            ResendOutcome.BeingSent => "Concord is sending that e-mail right now. Look again in a minute.",
            _ => status.IsConfigured
                ? "Concord will try to send the e-mail again within a minute. Its status changes here when it has gone or failed."
                : "The e-mail will be tried again, but it cannot go until a mail server is set up.",
        };
        return Redirect("/outbox?show=unsent");
    }

    public async Task<IActionResult> OnPostResendFailedAsync(CancellationToken ct)
    {
        if (!user.IsNetworkAdmin)
        {
            return NotFound();
        }

        var count = await commands.ResendFailedAsync(ct);
        TempData["StatusMessage"] = count == 0
            ? "There were no failed e-mails to send again."
            : $"Concord will try to send {count} failed {(count == 1 ? "e-mail" : "e-mails")} again within a minute.";
        return Redirect("/outbox?show=unsent");
    }

    /// <summary>The status in words, with the colour of its tag.</summary>
    public (string Words, string Tag) StatusOf(Row m) =>
        m.SentAt is not null ? ("Sent", "tag--ok")
        : m.Attempts >= MaxAttempts ? ("Not sent: gave up", "tag--bad")
        : m.LastError is not null ? ("Failed: will try again", "tag--warn")
        : Configured ? ("Waiting", "tag--neutral")
        : ("Waiting for a mail server", "tag--warn");
}
