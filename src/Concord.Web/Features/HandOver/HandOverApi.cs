using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Http;

namespace Concord.Web.Features.HandOver;

public static class HandOverApi
{
    public static RouteGroupBuilder MapHandOverApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/partnerships/{id:guid}/hand-over").WithTags("Hand-over")
            .RequireAuthorization(AuthSetup.ApiPolicy).RequirePartnership(PartnershipOperation.Export);
        group.MapGet("/export.json", JsonAsync).WithName("ExportPartnershipHandOverJson").ProducesFile("application/json")
            .WithSummary("Everything the partnership holds, as one JSON document (`about`, then one array per table), streamed. Coordinators only.");
        group.MapGet("/export.zip", ZipAsync).WithName("ExportPartnershipHandOverZip").ProducesFile("application/zip")
            .WithSummary("Everything the partnership holds, as a zip of CSV files (one per table, UTF-8 for Excel) with about.json. Coordinators only.");
        return api;
    }

    public static async Task<IResult> JsonAsync(PartnershipScope scope, HandOverExport export, CancellationToken ct)
    {
        await export.RecordAsync(scope, "JSON", ct);
        return export.Document(scope).AsJson(export.FileName(scope, "json"));
    }

    public static async Task<IResult> ZipAsync(PartnershipScope scope, HandOverExport export, CancellationToken ct)
    {
        await export.RecordAsync(scope, "zip", ct);
        return export.Document(scope).AsZip(export.FileName(scope, "zip"));
    }
}
