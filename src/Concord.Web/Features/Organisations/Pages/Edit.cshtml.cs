using Concord.Web.Features.Audit;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Organisations.Pages;

[Requires(OrganisationOperation.Manage)]
public sealed class EditModel(ConcordDb db, OrganisationAccess access, Auditor auditor) : PageModel
{
    [BindProperty]
    public OrganisationInput Input { get; set; } = new();

    public Organisation Organisation { get; private set; } = null!;

    /// <summary>Set when someone else saved first: what is saved now, shown beside what the person typed.</summary>
    public Organisation? Saved { get; private set; }
    public int StartedFromVersion { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return NotFound();
        }

        if (!found.CanManage)
        {
            return Forbid();
        }

        Organisation = found.Organisation;
        var o = found.Organisation;
        Input = new OrganisationInput
        {
            Name = o.Name,
            Type = o.Type,
            CharityNumber = o.CharityNumber,
            CompanyNumber = o.CompanyNumber,
            IncomeBand = o.IncomeBand,
            Address = o.Address,
            Website = o.Website,
            Version = o.Version,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return NotFound();
        }

        if (!found.CanManage)
        {
            return Forbid();
        }

        Organisation = found.Organisation;
        var (tidy, errors) = Input.Check();
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError("Input." + field, message);
        }

        if (tidy.Name is not null && !errors.ContainsKey("Name") && await OrganisationsApi.NameTakenAsync(db, tidy.Name, id, ct))
        {
            ModelState.AddModelError("Input.Name", "Another organisation in the network already has this name");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var o = found.Organisation;
        o.Name = tidy.Name!;
        o.Type = Input.Type;
        o.CharityNumber = tidy.CharityNumber;
        o.CompanyNumber = tidy.CompanyNumber;
        o.IncomeBand = Input.IncomeBand;
        o.Address = tidy.Address;
        o.Website = tidy.Website;
        db.ExpectVersion(o, Input.Version);
        auditor.Record(AuditActions.OrganisationChanged, nameof(Organisation), o.Id, organisationId: o.Id, details: $"Edited from version {Input.Version}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved first: nothing of this edit was written. Show both versions and let the person decide.
            db.ChangeTracker.Clear();
            Saved = await db.Set<Organisation>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
            if (Saved is null)
            {
                return NotFound();
            }

            StartedFromVersion = Input.Version;
            Organisation = Saved;
            ModelState.Remove("Input.Version");
            Input.Version = Saved.Version;
            ModelState.AddModelError("", "Someone else changed this organisation while you were editing it. Your changes have not been saved. Compare the two versions below, then save again to replace theirs with yours, or cancel to keep theirs");
            return Page();
        }

        TempData["StatusMessage"] = "You saved the organisation's details.";
        return Redirect($"/organisations/{id}");
    }
}
