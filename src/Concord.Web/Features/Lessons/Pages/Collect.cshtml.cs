using System.Globalization;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Lessons.Pages;

/// <summary>
/// The public form behind an event collection link: anyone with the link sends a lesson without an account.
/// Against simple spam: the public-form rate limit, a honeypot field people never see, and a minimum time to fill
/// the form in (the start time travels in a protected hidden field, so it cannot be made up).
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(AuthSetup.PublicFormRateLimit)]
public sealed class CollectModel(ConcordDb db, LessonCommands commands, IDataProtectionProvider protection, TimeProvider clock, IConfiguration configuration) : PageModel
{
    public enum LinkState { Open, Closed, Expired }

    public sealed class SubmissionInput
    {
        public string? Title { get; set; }
        public LessonKind? Kind { get; set; }
        public string? WhatHappened { get; set; }
        public string? Recommendation { get; set; }
        public PartnershipStage? Stage { get; set; }
        public string? SubmittedBy { get; set; }
    }

    [BindProperty]
    public SubmissionInput Input { get; set; } = new();

    /// <summary>The honeypot: hidden from people, filled in by bots.</summary>
    [BindProperty]
    public string? Website { get; set; }

    [BindProperty]
    public string? Started { get; set; }

    public LessonCollectionLink Link { get; private set; } = null!;
    public LinkState State { get; private set; }
    public bool Sent { get; private set; }

    private IDataProtector Protector => protection.CreateProtector("Concord.Lessons.CollectStarted");

    private TimeSpan MinimumFillTime => TimeSpan.FromSeconds(configuration.GetValue<double?>("Lessons:MinimumFillSeconds") ?? 3);

    public async Task<IActionResult> OnGetAsync(string token, bool sent, CancellationToken ct)
    {
        if (!await FindAsync(token, ct))
        {
            return NotFound();
        }

        Sent = sent;
        Started = Protector.Protect(clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        return StateResult();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        if (!await FindAsync(token, ct))
        {
            return NotFound();
        }

        if (State != LinkState.Open)
        {
            return StateResult();
        }

        if (!string.IsNullOrEmpty(Website))
        {
            // A bot filled in the field people never see: look as if it worked, save nothing.
            return Redirect($"/lessons/collect/{token}?sent=true");
        }

        var now = clock.GetUtcNow();
        if (!StartedLongEnoughAgo(now))
        {
            ModelState.AddModelError("", "That was sent very quickly, so we could not tell it came from a person. Check your lesson and send it again");
        }

        if (string.IsNullOrWhiteSpace(Input.Title))
        {
            ModelState.AddModelError("Input.Title", "Enter a title for the lesson");
        }
        else if (Input.Title.Trim().Length > LessonCsvImport.MaxTitleLength)
        {
            ModelState.AddModelError("Input.Title", $"The title must be {LessonCsvImport.MaxTitleLength} characters or fewer");
        }

        if (Input.Kind is null)
        {
            ModelState.AddModelError("Input.Kind", "Choose what sort of lesson this is");
        }

        if (string.IsNullOrWhiteSpace(Input.WhatHappened))
        {
            ModelState.AddModelError("Input.WhatHappened", "Say what happened");
        }
        else if (Input.WhatHappened.Length > LessonCsvImport.MaxTextLength)
        {
            ModelState.AddModelError("Input.WhatHappened", $"What happened must be {LessonCsvImport.MaxTextLength:N0} characters or fewer");
        }

        if (Input.Recommendation?.Length > LessonCsvImport.MaxTextLength)
        {
            ModelState.AddModelError("Input.Recommendation", $"The recommendation must be {LessonCsvImport.MaxTextLength:N0} characters or fewer");
        }

        if (Input.SubmittedBy?.Trim().Length > 200)
        {
            ModelState.AddModelError("Input.SubmittedBy", "Your name must be 200 characters or fewer");
        }

        if (!ModelState.IsValid)
        {
            Started = Protector.Protect(now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
            return Page();
        }

        await commands.SubmitAtEventAsync(Link, Input.Title!, Input.WhatHappened, Input.Kind!.Value, Input.Recommendation, Input.Stage, Input.SubmittedBy, ct);
        return Redirect($"/lessons/collect/{token}?sent=true");
    }

    private bool StartedLongEnoughAgo(DateTimeOffset now)
    {
        try
        {
            var started = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(Protector.Unprotect(Started ?? ""), CultureInfo.InvariantCulture));
            return now - started >= MinimumFillTime;
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or FormatException or OverflowException)
        {
            return false;
        }
    }

    private async Task<bool> FindAsync(string token, CancellationToken ct)
    {
        var link = await db.Set<LessonCollectionLink>().AsNoTracking().FirstOrDefaultAsync(l => l.Token == token, ct);
        if (link is null)
        {
            return false;
        }

        Link = link;
        State = link.ClosedAt is not null ? LinkState.Closed : clock.GetUtcNow() >= link.ClosesAt ? LinkState.Expired : LinkState.Open;
        return true;
    }

    private IActionResult StateResult()
    {
        if (State != LinkState.Open)
        {
            // 410 Gone: the link was real but can no longer be used; the page says so in words.
            Response.StatusCode = StatusCodes.Status410Gone;
        }

        return Page();
    }
}
