using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Http;

namespace Concord.Web.Features.PersonalData;

public static class PersonalDataApi
{
    public static RouteGroupBuilder MapPersonalDataApi(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me").WithTags("Your account").RequireAuthorization(AuthSetup.ApiPolicy);
        me.MapGet("/personal-data.json", (PersonalDataExport export, CurrentUser user, CancellationToken ct) => MineAsync(export, user, "json", ct))
            .WithName("ExportMyPersonalDataJson").ProducesFile("application/json")
            .WithSummary("Everything Concord holds about you, as one JSON document (`about`, then one array per table), streamed.");
        me.MapGet("/personal-data.zip", (PersonalDataExport export, CurrentUser user, CancellationToken ct) => MineAsync(export, user, "zip", ct))
            .WithName("ExportMyPersonalDataZip").ProducesFile("application/zip")
            .WithSummary("Everything Concord holds about you, as a zip of CSV files with about.json.");

        var accounts = api.MapGroup("/accounts/{accountId:guid}").WithTags("Accounts").RequireAuthorization(AuthSetup.ApiPolicy);
        accounts.MapGet("/personal-data.json", (Guid accountId, PersonalDataExport export, CurrentUser user, CancellationToken ct) =>
                ForAccountAsync(accountId, export, user, "json", ct))
            .WithName("ExportAccountPersonalDataJson").ProducesFile("application/json").ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Network admins: everything Concord holds about one account, for a subject access request made to the network. Audited.");
        accounts.MapGet("/personal-data.zip", (Guid accountId, PersonalDataExport export, CurrentUser user, CancellationToken ct) =>
                ForAccountAsync(accountId, export, user, "zip", ct))
            .WithName("ExportAccountPersonalDataZip").ProducesFile("application/zip").ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Network admins: the same as a zip of CSV files. Audited.");
        return api;
    }

    public static async Task<IResult> MineAsync(PersonalDataExport export, CurrentUser user, string format, CancellationToken ct)
    {
        var subject = await export.FindAsync(user.Id, ct);
        return subject is null ? ApiProblems.NotFound() : await DownloadAsync(export, subject, bySomeoneElse: false, format, ct);
    }

    public static async Task<IResult> ForAccountAsync(Guid accountId, PersonalDataExport export, CurrentUser user, string format, CancellationToken ct)
    {
        if (!user.IsNetworkAdmin && accountId != user.Id)
        {
            return ApiProblems.Forbidden("Only network admins can download another person's data.");
        }

        var subject = await export.FindAsync(accountId, ct);
        return subject is null ? ApiProblems.NotFound() : await DownloadAsync(export, subject, bySomeoneElse: accountId != user.Id, format, ct);
    }

    private static async Task<IResult> DownloadAsync(PersonalDataExport export, PersonalDataExport.Subject subject, bool bySomeoneElse,
        string format, CancellationToken ct)
    {
        await export.RecordAsync(subject, bySomeoneElse, format == "zip" ? "zip" : "JSON", ct);
        var document = export.Document(subject);
        return format == "zip" ? document.AsZip(export.FileName(subject, "zip")) : document.AsJson(export.FileName(subject, "json"));
    }
}
