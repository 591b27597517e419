using System.Net;
using System.Net.Http.Json;
using System.Text;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Demo;
using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Tests.Access;

/// <summary>
/// Discovers every endpoint and page the app registers and proves that people outside a tenant get
/// nothing: anonymous callers are sent to sign in (pages) or get 401 (API); a member of another
/// partnership and organisation gets 404 for every method and handler, whether they use the other
/// tenant's ids or mix their own partnership's id with the other tenant's record ids.
/// A route nobody has classified fails the test, so new routes cannot slip through.
/// </summary>
public sealed class RouteMatrixTests : IAsyncLifetime
{
    /// <summary>Routes open to everyone, each for a reason.</summary>
    private static readonly HashSet<string> Public = new(StringComparer.OrdinalIgnoreCase)
    {
        "/", "/accessibility", "/api", "/error/{code:int}", "/setup", "/health/live", "/health/ready", "/openapi/{documentName}.json",
        "/account/sign-in", "/account/sign-in/two-factor", "/account/sign-in/recovery-code", "/account/sign-out",
        "/account/forgot-password", "/account/reset-password", "/account/confirm-email", "/invitations/{secret}",
        "/api/v1/network", "/api/v1/auth/token",
        // Anyone with an event collection link may send a lesson without an account (the secret token is the key).
        "/lessons/collect/{token}",
        // The public library: public, published lessons (anonymised) and published stories (anonymised), for anyone (PublicLibraryTests).
        "/library", "/library/lessons/{lessonId:guid}", "/library/stories", "/library/stories/{storyId:guid}",
        "/api/v1/public/lessons", "/api/v1/public/lessons/{id:guid}",
    };

    /// <summary>Routes about the caller's own account or lists filtered to the caller: signed-in only, nothing of anyone else's.</summary>
    private static readonly HashSet<string> Personal = new(StringComparer.OrdinalIgnoreCase)
    {
        "/account", "/account/password", "/account/two-factor", "/account/two-factor/recovery-codes", "/account/tokens",
        "/api/v1/me", "/api/v1/me/tokens", "/api/v1/me/tokens/{tokenId:guid}",
        "/account/personal-data", "/api/v1/me/personal-data.json", "/api/v1/me/personal-data.zip",
        "/partnerships", "/partnerships/new", "/organisations", "/api/v1/partnerships", "/api/v1/organisations",
        "/commitments", "/api/v1/me/commitments",
        "/lessons", "/lessons/new", "/lessons/import", "/lessons/export", "/api/v1/lessons", "/api/v1/lessons/categories", "/api/v1/lessons/export",
    };

    /// <summary>Routes for administrators only (network admins; the audit trail also for organisation admins, filtered).</summary>
    private static readonly HashSet<string> Administration = new(StringComparer.OrdinalIgnoreCase)
    {
        "/admin/accounts", "/outbox", "/organisations/new", "/audit", "/api/v1/audit",
        // A subject access export for someone else's account (PersonalDataTests: anyone but a network admin gets 403).
        "/api/v1/accounts/{accountId:guid}/personal-data.json", "/api/v1/accounts/{accountId:guid}/personal-data.zip",
        // The learning team's lessons pages.
        "/lessons/moderation", "/lessons/categories", "/lessons/collection-links",
    };

    /// <summary>
    /// Network-wide content every signed-in member reads (guidance, checklist templates, published stories), and the
    /// learning team's pages and reports: signed-in only (anonymous callers get nothing); roles are checked by their own tests.
    /// </summary>
    private static readonly HashSet<string> NetworkWide = new(StringComparer.OrdinalIgnoreCase)
    {
        "/guidance", "/guidance/new", "/guidance/{slug}", "/guidance/{slug}/edit", "/guidance/checklists", "/guidance/checklists/new",
        "/guidance/checklists/{templateId:guid}/edit", "/stories", "/stories/{storyId:guid}",
        "/reports/learning/practitioners", "/reports/learning/sector",
        "/api/v1/guidance", "/api/v1/guidance/{slug}", "/api/v1/checklist-templates", "/api/v1/checklist-templates/{templateId:guid}",
        "/api/v1/stories", "/api/v1/stories/{storyId:guid}", "/api/v1/stories/{storyId:guid}/selection",
        "/api/v1/reports/learning/practitioners", "/api/v1/reports/learning/sector",
    };

    private ConcordFactory app = null!;
    private DemoResult demo = null!;

    public async Task InitializeAsync()
    {
        app = await ConcordFactory.CreateAsync(Db.Sqlite);
        await using var scope = app.Services.CreateAsyncScope();
        demo = await ActivatorUtilities.CreateInstance<DemoNetwork>(scope.ServiceProvider).LoadAsync();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private enum Kind
    {
        Public,
        Personal,
        Administration,
        Partnership,
        Organisation,
        NetworkWide,
    }

    /// <summary>A route, with the operation each method and handler needs (from the app's own metadata: RequirePartnership /
    /// RequireOrganisation on API endpoints, [Requires] on page models and handlers).</summary>
    private sealed record Route(string Pattern, IReadOnlyList<string> Methods, IReadOnlyList<string> Handlers, bool IsApi, Kind Kind,
        TenantOperationMetadata? Operation, IReadOnlyDictionary<string, RequiresAttribute?> HandlerOperations);

    private IReadOnlyList<Route> Discover()
    {
        var routes = new List<Route>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var raw = (endpoint.RoutePattern.RawText ?? "").Trim('/');
            var pattern = "/" + raw;
            var page = endpoint.Metadata.GetMetadata<CompiledPageActionDescriptor>();
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.ToList() ?? [];
            var handlers = page?.HandlerMethods.Select(h => $"{h.HttpMethod.ToUpperInvariant()}:{h.Name}").ToList() ?? [];
            var handlerOperations = new Dictionary<string, RequiresAttribute?>(StringComparer.OrdinalIgnoreCase);
            if (page is not null)
            {
                methods = ["GET", "POST"];
                foreach (var h in page.HandlerMethods)
                {
                    handlerOperations[$"{h.HttpMethod.ToUpperInvariant()}:{h.Name}"] = TenantHandlerFilter.RequiredFor(page.HandlerTypeInfo, h.MethodInfo);
                }
            }

            routes.Add(new Route(pattern, methods.Count == 0 ? ["GET"] : methods, handlers, pattern.StartsWith("/api/", StringComparison.Ordinal), Classify(pattern),
                endpoint.Metadata.OfType<TenantOperationMetadata>().LastOrDefault(), handlerOperations));
        }

        return routes.DistinctBy(r => (r.Pattern, string.Join(",", r.Methods))).ToList();
    }

    private static bool IsLessonRoute(string pattern) =>
        pattern.StartsWith("/lessons/{id", StringComparison.Ordinal) || pattern.StartsWith("/api/v1/lessons/{id", StringComparison.Ordinal);

    private static Kind Classify(string pattern)
    {
        if (Public.Contains(pattern)) { return Kind.Public; }
        if (Personal.Contains(pattern)) { return Kind.Personal; }
        if (Administration.Contains(pattern)) { return Kind.Administration; }
        if (NetworkWide.Contains(pattern)) { return Kind.NetworkWide; }
        if (pattern.StartsWith("/partnerships/{", StringComparison.Ordinal) || pattern.StartsWith("/api/v1/partnerships/{", StringComparison.Ordinal))
        {
            return Kind.Partnership;
        }

        if (pattern.StartsWith("/organisations/{", StringComparison.Ordinal) || pattern.StartsWith("/api/v1/organisations/{", StringComparison.Ordinal))
        {
            return Kind.Organisation;
        }

        // A lesson by id: tried with the tenant partnership's partnership-only lesson.
        if (IsLessonRoute(pattern))
        {
            return Kind.Partnership;
        }

        return (Kind)(-1);
    }

    [Fact]
    public void Every_route_is_classified()
    {
        var routes = Discover();
        Assert.True(routes.Count > 30, $"Only {routes.Count} routes were discovered.");
        var unknown = routes.Where(r => !Enum.IsDefined(r.Kind)).Select(r => $"{string.Join("|", r.Methods)} {r.Pattern}").ToList();
        Assert.True(unknown.Count == 0, "Classify these routes in RouteMatrixTests (public, personal, administration, or under a tenant id):\n" + string.Join("\n", unknown));
    }

    [Fact]
    public async Task Anonymous_callers_get_nothing_but_public_routes()
    {
        var target = await TenantAsync();
        var failures = new List<string>();
        foreach (var route in Discover().Where(r => r.Kind is not Kind.Public && Enum.IsDefined(r.Kind)))
        {
            foreach (var (method, url) in Requests(route, target, target))
            {
                var client = app.Browser();
                var response = await SendAsync(client, method, url, antiforgery: null);
                var body = await response.Content.ReadAsStringAsync();
                var ok = route.IsApi
                    ? response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.NotFound
                    : response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest ||
                      (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/sign-in", StringComparison.Ordinal));
                if (!ok || body.Contains(target.PartnershipName, StringComparison.Ordinal))
                {
                    failures.Add($"{method} {url} → {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, "Anonymous callers reached these:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task A_member_of_another_partnership_and_organisation_gets_404_everywhere_in_this_one()
    {
        var target = await TenantAsync();
        var outsider = await OutsiderAsync();
        var browser = await app.SignInAsync(outsider.Account);
        var api = await app.ApiAsync(outsider.Account);
        var antiforgery = await AntiforgeryTokenAsync(browser);
        var failures = new List<string>();

        // Tenant routes, and personal routes that take another person's record id (such as a token id).
        foreach (var route in Discover().Where(r => r.Kind is Kind.Partnership or Kind.Organisation || (r.Kind == Kind.Personal && r.Pattern.Contains('{', StringComparison.Ordinal))))
        {
            // The other tenant's ids throughout, then the outsider's own partnership or organisation id with the other tenant's record ids.
            var requests = Requests(route, target, target).Concat(Requests(route, outsider.Own, target));
            foreach (var (method, url) in requests.Distinct())
            {
                if ((url.Contains(outsider.Own.PartnershipId.ToString(), StringComparison.Ordinal) ||
                     url.Contains(outsider.Own.OrganisationId.ToString(), StringComparison.Ordinal)) && !MixesTenants(route))
                {
                    continue;
                }

                var response = await SendAsync(route.IsApi ? api : browser, method, url, route.IsApi ? null : antiforgery);
                var body = await response.Content.ReadAsStringAsync();
                // With the outsider's own partnership (or organisation) id, a role they lack there is refused (403) before the
                // record is looked up — the same answer for any record id, so it tells them nothing about the other tenant.
                var mixed = url.Contains(outsider.Own.PartnershipId.ToString(), StringComparison.Ordinal) ||
                            url.Contains(outsider.Own.OrganisationId.ToString(), StringComparison.Ordinal);
                var expected = mixed && !OutsiderMayAtHome(route, method, url) ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound;
                if (Status(response) != expected || body.Contains(target.PartnershipName, StringComparison.Ordinal) ||
                    body.Contains(target.OrganisationName, StringComparison.Ordinal))
                {
                    failures.Add($"{method} {url} → {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, "A member of another partnership reached these:\n" + string.Join("\n", failures));
    }

    /// <summary>
    /// The permissions table (docs/ARCHITECTURE.md, <see cref="Permissions"/>) route by route: a member of the partnership in
    /// each role gets 403 from every method and handler whose operation the table does not give that role, and can read every
    /// page and API read that it does (never 403 or 404). Organisation routes the same with organisation roles.
    /// Refusals change nothing, so every method is tried; allowed requests are tried for reads only, so nothing is changed.
    /// </summary>
    [Fact]
    public async Task Every_role_gets_exactly_what_the_permissions_table_gives_it()
    {
        var target = await TenantAsync();
        var failures = new List<string>();
        var checkedRequests = 0;
        // Members represent the partner whose id the routes are tried with, so rules about "your own organisation" are met.
        var partnerOrganisation = await app.WithDbAsync(db => db.Set<Partner>().Where(p => p.Id == target.Records["partnerId"])
            .Select(p => p.OrganisationId).FirstAsync());
        foreach (var role in Enum.GetValues<PartnershipRole>())
        {
            var account = await app.CreateAccountAsync(twoFactor: role == PartnershipRole.Coordinator, name: "Matrix " + role);
            await app.WithDbAsync(async db =>
            {
                db.Add(new PartnershipMembership { PartnershipId = target.PartnershipId, AccountId = account.Id, Role = role, OrganisationId = partnerOrganisation, CreatedAt = DateTimeOffset.UtcNow });
                await db.SaveChangesAsync();
            });
            checkedRequests += await CheckRoleAsync(account, target, Kind.Partnership, op => op.Partnership is { } p && Permissions.Allows(role, p), role.ToString(), failures);
        }

        foreach (var role in Enum.GetValues<OrganisationRole>())
        {
            var account = await app.CreateAccountAsync(name: "Matrix " + role);
            await app.WithDbAsync(async db =>
            {
                db.Add(new OrganisationMembership { OrganisationId = target.OrganisationId, AccountId = account.Id, Role = role, CreatedAt = DateTimeOffset.UtcNow });
                await db.SaveChangesAsync();
            });
            checkedRequests += await CheckRoleAsync(account, target, Kind.Organisation, op => op.Organisation is { } o && Permissions.Allows(role, false, o), "organisation " + role, failures);
        }

        Assert.True(checkedRequests > 200, $"Only {checkedRequests} requests were checked.");
        Assert.True(failures.Count == 0, "These answers do not follow the permissions table:\n" + string.Join("\n", failures));
    }

    private async Task<int> CheckRoleAsync(TestAccount account, Tenant target, Kind kind,
        Func<(PartnershipOperation? Partnership, OrganisationOperation? Organisation), bool> allows, string who, List<string> failures)
    {
        var browser = await app.SignInAsync(account);
        var api = await app.ApiAsync(account);
        var antiforgery = await AntiforgeryTokenAsync(browser);
        var count = 0;
        foreach (var route in Discover().Where(r => r.Kind == kind && !IsLessonRoute(r.Pattern)))
        {
            foreach (var (method, url) in Requests(route, target, target).Distinct())
            {
                var operation = OperationOf(route, method, url);
                var allowed = allows(operation);
                var read = method == "GET" && !url.Contains("handler=", StringComparison.Ordinal) || (method == "GET" && route.IsApi);
                if (allowed && !read)
                {
                    continue;
                }

                count++;
                var response = await SendAsync(route.IsApi ? api : browser, method, url, route.IsApi ? null : antiforgery);
                var status = Status(response);
                if (!allowed && status != HttpStatusCode.Forbidden)
                {
                    failures.Add($"{who}: {method} {url} → {(int)status}, expected 403 ({operation.Partnership?.ToString() ?? operation.Organisation?.ToString()})");
                }
                else if (allowed && status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
                {
                    failures.Add($"{who}: {method} {url} → {(int)status}, expected to be allowed ({operation.Partnership?.ToString() ?? operation.Organisation?.ToString()})");
                }
            }
        }

        return count;
    }

    /// <summary>The status a person meets: a page's refusal is a redirect to the friendly 403 page.</summary>
    private static HttpStatusCode Status(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("/error/403", StringComparison.Ordinal) == true
            ? HttpStatusCode.Forbidden
            : response.StatusCode;

    /// <summary>The operation a request needs, from the app's metadata (View when a route declares none).</summary>
    private static (PartnershipOperation? Partnership, OrganisationOperation? Organisation) OperationOf(Route route, string method, string url)
    {
        if (!route.IsApi)
        {
            var handler = url.Contains("handler=", StringComparison.Ordinal) ? url[(url.IndexOf("handler=", StringComparison.Ordinal) + 8)..] : "";
            var required = route.HandlerOperations.TryGetValue($"{method}:{handler}", out var r) ? r : null;
            if (required is not null)
            {
                return (required.Partnership, required.Organisation);
            }

            return route.Kind == Kind.Organisation ? (null, OrganisationOperation.View) : (PartnershipOperation.View, null);
        }

        return (route.Operation?.Partnership ?? (route.Kind == Kind.Partnership ? PartnershipOperation.View : null),
            route.Operation?.Organisation ?? (route.Kind == Kind.Organisation ? OrganisationOperation.View : null));
    }

    /// <summary>Olive is a partner lead in her own partnership and an admin of her own organisation.</summary>
    private static bool OutsiderMayAtHome(Route route, string method, string url)
    {
        var (partnership, organisation) = OperationOf(route, method, url);
        return partnership is { } p ? Permissions.Allows(PartnershipRole.PartnerLead, p) : organisation is not { } o || Permissions.Allows(OrganisationRole.Admin, false, o);
    }

    private sealed record Tenant(Guid PartnershipId, Guid OrganisationId, string PartnershipName, string OrganisationName, Dictionary<string, Guid> Records);

    /// <summary>The tenant under attack: the demo's second partnership and an organisation only it has.</summary>
    private async Task<Tenant> TenantAsync()
    {
        var partnership = demo.Partnerships.Single(p => p.Name == "Generations Connect");
        var organisation = demo.Organisations.Single(o => o.Name == "Brightwater Academy");
        var records = await app.WithDbAsync(async db => new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase)
        {
            ["tokenId"] = await PersonalTokenOfAsync(db, partnership.Id),
            ["partnerId"] = await db.Set<Partner>().Where(p => p.PartnershipId == partnership.Id).Select(p => p.Id).FirstAsync(),
            ["memberId"] = await db.Set<PartnershipMembership>().Where(m => m.PartnershipId == partnership.Id).Select(m => m.Id).FirstAsync(),
            ["accountId"] = await db.Set<PartnershipMembership>().Where(m => m.PartnershipId == partnership.Id).Select(m => m.AccountId).FirstAsync(),
            ["membershipId"] = await db.Set<OrganisationMembership>().Where(m => m.OrganisationId == organisation.Id).Select(m => m.Id).FirstAsync(),
            ["aimId"] = await db.Set<Concord.Web.Features.Readiness.PartnerAim>().Where(a => a.PartnershipId == partnership.Id).Select(a => a.Id).FirstAsync(),
            ["objectiveId"] = await db.Set<Concord.Web.Features.Readiness.Objective>().Where(o => o.PartnershipId == partnership.Id).Select(o => o.Id).FirstAsync(),
            ["workstreamId"] = await db.Set<Concord.Web.Features.Delivery.Workstream>().Where(w => w.PartnershipId == partnership.Id).Select(w => w.Id).FirstAsync(),
            ["versionId"] = await db.Set<Concord.Web.Features.Agreements.AgreementVersion>().Where(v => v.PartnershipId == partnership.Id).Select(v => v.Id).FirstAsync(),
            ["commitmentId"] = await db.Set<Concord.Web.Features.Commitments.Commitment>().Where(c => c.PartnershipId == partnership.Id).Select(c => c.Id).FirstAsync(),
            ["entryId"] = await db.Set<Concord.Web.Features.Ledger.LedgerEntry>().Where(e => e.PartnershipId == partnership.Id).Select(e => e.Id).FirstAsync(),
            ["methodId"] = await db.Set<Concord.Web.Features.Ledger.CommunicationMethod>().Where(m => m.PartnershipId == partnership.Id).Select(m => m.Id).FirstAsync(),
            ["checklistId"] = await db.Set<Concord.Web.Features.Guidance.PartnershipChecklist>().Where(c => c.PartnershipId == partnership.Id).Select(c => c.Id).FirstAsync(),
            ["storyId"] = await db.Set<Concord.Web.Features.Stories.PartnershipStory>().Where(s => s.PartnershipId == partnership.Id).Select(s => s.Id).FirstAsync(),
            ["templateId"] = Concord.Web.Features.Guidance.DefaultGuidance.Checklists[0].Id,
            ["lessonId"] = await db.Set<Concord.Web.Features.Lessons.Lesson>()
                .Where(l => l.PartnershipId == partnership.Id && l.Visibility == Concord.Web.Features.Lessons.LessonVisibility.Partnership).Select(l => l.Id).FirstAsync(),
        });
        return new Tenant(partnership.Id, organisation.Id, partnership.Name, organisation.Name, records);
    }

    /// <summary>A personal access token belonging to a member of the tenant, for the routes that take a token id.</summary>
    private static async Task<Guid> PersonalTokenOfAsync(Concord.Web.Infrastructure.Database.ConcordDb db, Guid partnershipId)
    {
        var accountId = await db.Set<PartnershipMembership>().Where(m => m.PartnershipId == partnershipId).Select(m => m.AccountId).FirstAsync();
        var token = new Concord.Web.Features.Accounts.ApiToken
        {
            AccountId = accountId,
            Kind = Concord.Web.Features.Accounts.ApiTokenKind.Personal,
            Name = "Matrix",
            Scope = Concord.Web.Features.Accounts.ApiTokenScope.ReadWrite,
            TokenHash = Guid.NewGuid().ToString("N"),
            Prefix = "cnd_matrix",
            CreatedAt = DateTimeOffset.UtcNow,
            ExpiresAt = DateTimeOffset.UtcNow.AddDays(1),
        };
        db.Add(token);
        await db.SaveChangesAsync();
        return token.Id;
    }

    private sealed record Outsider(TestAccount Account, Tenant Own);

    /// <summary>A partner lead and organisation admin who belongs only to the demo's first partnership.</summary>
    private async Task<Outsider> OutsiderAsync()
    {
        var olive = demo.Accounts.Single(a => a.Email.StartsWith("olive.brandt", StringComparison.Ordinal));
        var own = demo.Partnerships.Single(p => p.Name == "Brightwater Together Against Loneliness");
        var ownOrganisation = olive.Organisations.Single();
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.Email == olive.Email).Select(u => u.Id).SingleAsync());
        return new Outsider(new TestAccount(id, olive.Email, demo.Password, null), new Tenant(own.Id, ownOrganisation.Id, own.Name, ownOrganisation.Name, []));
    }

    private static bool MixesTenants(Route route) =>
        route.Pattern.Count(c => c == '{') > 1;

    private static IEnumerable<(string Method, string Url)> Requests(Route route, Tenant scope, Tenant records)
    {
        var url = Fill(route.Pattern, route.Kind, scope, records);
        foreach (var method in route.Methods)
        {
            yield return (method, url);
        }

        foreach (var handler in route.Handlers.Where(h => h.Split(':')[1].Length > 0))
        {
            var (method, name) = (handler.Split(':')[0], handler.Split(':')[1]);
            yield return (method, $"{url}{(url.Contains('?', StringComparison.Ordinal) ? "&" : "?")}handler={name}");
        }
    }

    private static string Fill(string pattern, Kind kind, Tenant scope, Tenant records)
    {
        var result = new StringBuilder();
        var parts = pattern.Split('/');
        // The tenant id is the first parameter: /partnerships/{id}/… and /api/v1/partnerships/{id}/….
        var tenantIndex = Array.FindIndex(parts, p => p.StartsWith('{'));
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (!part.StartsWith('{'))
            {
                result.Append(part);
            }
            else if (part == "{slug}")
            {
                // Guidance articles are network-wide and addressed by their web name.
                result.Append(Concord.Web.Features.Guidance.DefaultGuidance.SettingUpSlug);
            }
            else
            {
                var name = part.Trim('{', '}').Split(':', '?', '=')[0].TrimStart('*');
                var value = name switch
                {
                    "id" when IsLessonRoute(pattern) => records.Records["lessonId"],
                    "id" when kind == Kind.Partnership && i == tenantIndex => scope.PartnershipId,
                    "partnershipId" => scope.PartnershipId,
                    "id" when kind == Kind.Organisation && i == tenantIndex => scope.OrganisationId,
                    "organisationId" => scope.OrganisationId,
                    _ when records.Records.TryGetValue(name, out var id) => id,
                    _ => throw new InvalidOperationException($"Route {pattern} has a parameter '{name}' with no record to try: add one to TenantAsync."),
                };
                result.Append(value);
            }

            if (i < parts.Length - 1)
            {
                result.Append('/');
            }
        }

        return result.ToString();
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string url, string? antiforgery)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT" or "PATCH")
        {
            if (url.StartsWith("/api/", StringComparison.Ordinal))
            {
                request.Content = JsonContent.Create(new { });
            }
            else
            {
                var fields = new Dictionary<string, string>();
                if (antiforgery is not null)
                {
                    fields["__RequestVerificationToken"] = antiforgery;
                }

                request.Content = new FormUrlEncodedContent(fields);
            }
        }

        return await client.SendAsync(request);
    }

    private static async Task<string> AntiforgeryTokenAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/account/tokens");
        var match = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        Assert.True(match.Success, "No antiforgery token on the account page.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [Fact]
    public void The_demo_gives_the_matrix_two_partnerships_that_share_some_organisations_but_not_all()
    {
        var loneliness = demo.Accounts.Where(a => a.Partnerships.Any(p => p.Name == "Brightwater Together Against Loneliness")).Select(a => a.Email);
        var generations = demo.Accounts.Where(a => a.Partnerships.Any(p => p.Name == "Generations Connect")).Select(a => a.Email);
        Assert.NotEmpty(loneliness.Intersect(generations));
        Assert.NotEmpty(loneliness.Except(generations));
    }
}
