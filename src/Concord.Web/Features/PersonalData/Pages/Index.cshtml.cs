using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Export;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Concord.Web.Features.PersonalData.Pages;

/// <summary>
/// "Your data": what Concord holds about you, to download. A network admin opens the same page for another account
/// (<c>?account=</c>) to answer a subject access request; anyone else asking for another account gets 404.
/// </summary>
[Authorize]
public sealed class IndexModel(PersonalDataExport export, CurrentUser user) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "account")]
    public Guid? AccountId { get; set; }

    public PersonalDataExport.Subject Subject { get; private set; } = null!;
    public bool ForSomeoneElse => Subject.Id != user.Id;
    public IReadOnlyList<string> Tables { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await FindAsync(ct) is not { } subject)
        {
            return NotFound();
        }

        Subject = subject;
        Tables = export.Document(subject).TableNames.ToList();
        return Page();
    }

    public Task<IActionResult> OnGetJsonAsync(CancellationToken ct) => DownloadAsync("json", ct);

    public Task<IActionResult> OnGetZipAsync(CancellationToken ct) => DownloadAsync("zip", ct);

    public IActionResult OnPost() => NotFound();

    private async Task<IActionResult> DownloadAsync(string format, CancellationToken ct)
    {
        if (await FindAsync(ct) is null)
        {
            return NotFound();
        }

        return new ResultAction(await PersonalDataApi.ForAccountAsync(AccountId ?? user.Id, export, user, format, ct));
    }

    private async Task<PersonalDataExport.Subject?> FindAsync(CancellationToken ct)
    {
        var id = AccountId ?? user.Id;
        if (id != user.Id && !user.IsNetworkAdmin)
        {
            return null;
        }

        return await export.FindAsync(id, ct);
    }
}
