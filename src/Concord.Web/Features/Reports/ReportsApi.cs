using Concord.Web.Features.Lessons;
using Concord.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concord.Web.Features.Reports;

/// <summary>
/// The learning reports, for everyone signed in to the network. They are built only from published lessons shared with
/// the network or the public (which everyone may read) and published stories, so nobody sees a lesson through them that
/// they could not read in the library.
/// </summary>
public static class ReportsApi
{
    public sealed record StageCountDto(string Stage, int Count);

    public sealed record CategoryStageDto(string Category, IReadOnlyList<StageCountDto> ByStage, int Total);

    /// <summary>The sector report as JSON (the stage counts as named pairs).</summary>
    public sealed record SectorReportDto(string Title, DateOnly Generated, int LessonCount, int PartnershipCount,
        IReadOnlyList<CategoryKindCount> ByCategory, IReadOnlyList<CategoryStageDto> ByCategoryAndStage,
        IReadOnlyList<NamedCount> ByStage, IReadOnlyList<NamedCount> ByPartnershipType, IReadOnlyList<NamedCount> TopTags)
    {
        public static SectorReportDto From(SectorReport r) => new(r.Title, r.Generated, r.LessonCount, r.PartnershipCount, r.ByCategory,
            [.. r.ByCategoryAndStage.Select(c => new CategoryStageDto(c.Category, [.. c.ByStage.Select(s => new StageCountDto(s.Stage is { } st ? st.DisplayName() : LearningReportBuilder.StageNotGiven, s.Count))], c.Total))],
            r.ByStage, r.ByPartnershipType, r.TopTags);
    }

    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/reports/learning").WithTags("Reports").RequireAuthorization(AuthSetup.ApiPolicy);
        reports.MapGet("/practitioners", PractitionersAsync).WithName("PractitionersLearningReport")
            .WithSummary("The practitioners' learning report (everyone in the network). Filters: from, to (dates), category (slug).");
        reports.MapGet("/sector", SectorAsync).WithName("SectorLearningReport")
            .WithSummary("The anonymised sector learning report (everyone in the network): only lessons shared with the network or public, never names.");
        return api;
    }

    private static async Task<Results<Ok<PractitionersReport>, ValidationProblem>> PractitionersAsync(
        DateOnly? from, DateOnly? to, string? category, LearningReports reports, CancellationToken ct)
    {
        var filter = new ReportFilter(from, to, category);
        return filter.Validate() is { Count: > 0 } errors ? TypedResults.ValidationProblem(errors) : TypedResults.Ok(await reports.PractitionersAsync(filter, ct));
    }

    private static async Task<Results<Ok<SectorReportDto>, ValidationProblem>> SectorAsync(
        DateOnly? from, DateOnly? to, string? category, LearningReports reports, CancellationToken ct)
    {
        var filter = new ReportFilter(from, to, category);
        return filter.Validate() is { Count: > 0 } errors ? TypedResults.ValidationProblem(errors) : TypedResults.Ok(SectorReportDto.From(await reports.SectorAsync(filter, ct)));
    }

}
