using Concord.Web.Features.Accounts;
using Concord.Web.Features.Audit;
using Concord.Web.Features.Commitments;
using Concord.Web.Features.Guidance;
using Concord.Web.Features.HandOver;
using Concord.Web.Features.Lessons;
using Concord.Web.Features.Network;
using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;
using Concord.Web.Features.PersonalData;
using Concord.Web.Features.PublicLibrary;
using Concord.Web.Features.Readiness;
using Concord.Web.Features.Reports;
using Concord.Web.Features.Stories;

namespace Concord.Web.Infrastructure.Http;

/// <summary>Every JSON endpoint lives under /api/v1; each feature maps its own group here.</summary>
public static class ApiRoutes
{
    public static WebApplication MapConcordApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").AddEndpointFilter(ApiConventions.ReadOnlyTokensOnlyRead);
        api.MapNetworkApi();
        api.MapAuthApi();
        api.MapAuditApi();
        api.MapOrganisationsApi();
        api.MapPartnershipsApi();
        api.MapReadinessDeliveryApi();
        api.MapCommitmentsAndLedgerApi();
        api.MapGuidanceApi();
        api.MapStoriesApi();
        api.MapReportsApi();
        api.MapLessonsApi();
        api.MapPublicLibraryApi();
        api.MapHandOverApi();
        api.MapPersonalDataApi();
        // Unknown addresses under /api fall through to the status-code problem writer (404),
        // and a known address with the wrong method gets 405 from routing.

        return app;
    }
}
