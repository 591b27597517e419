using Concord.Web.Features.Accounts;
using Concord.Web.Features.Audit;
using Concord.Web.Features.Commitments;
using Concord.Web.Features.Guidance;
using Concord.Web.Features.HandOver;
using Concord.Web.Features.Lessons;
using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;
using Concord.Web.Features.PersonalData;
using Concord.Web.Features.PublicLibrary;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Email;
using Concord.Web.Infrastructure.Health;
using Concord.Web.Infrastructure.Hooks;
using Concord.Web.Infrastructure.Http;
using Concord.Web.Infrastructure.OpenApi;
using Concord.Web.Infrastructure.Time;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Concord.Web.Infrastructure;

/// <summary>Service registration and the request pipeline, in the order a request meets them.</summary>
public static class ConcordApp
{
    public const string DefaultUrl = "http://localhost:5080";

    public static WebApplicationBuilder AddConcord(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]) &&
            string.IsNullOrWhiteSpace(builder.Configuration["ASPNETCORE_URLS"]) &&
            string.IsNullOrWhiteSpace(builder.Configuration["http_ports"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddConcordDatabase();

        builder.Services.AddDataProtection()
            .SetApplicationName("Concord")
            .PersistKeysToDbContext<ConcordDb>();

        builder.Services.AddConcordAuth();
        builder.Services.AddTenantAccess();
        builder.Services.AddConcordHooks();
        // One JSON rule for the whole API: enums travel as their names (words), never as numbers.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.AddScoped<Auditor>();
        builder.Services.AddScoped<AuditQuery>();
        builder.Services.AddScoped<AccountEmails>();
        builder.Services.AddScoped<ApiTokens>();
        builder.Services.AddScoped<Invitations>();
        builder.Services.AddScoped<OrganisationAccess>();
        builder.Services.AddScoped<Features.Accounts.InvitationIssuer>();
        builder.Services.AddScoped<PartnershipCommands>();
        builder.Services.AddScoped<PartnershipQueries>();
        builder.Services.AddScoped<OrganisationCommands>();
        builder.Services.AddScoped<Features.Outbox.OutboxCommands>();
        Features.Readiness.ReadinessDeliveryRegistration.AddReadinessDelivery(builder.Services);
        builder.AddCommitmentsAndLedger();
        builder.Services.AddGuidance();
        builder.Services.AddLessons();
        builder.Services.AddPublicLibrary();
        builder.AddHandOver();
        builder.AddPersonalData();

        builder.Services.Configure<EmailOptions>(builder.Configuration.GetSection("Email"));
        builder.Services.AddScoped<EmailOutbox>();
        builder.Services.AddScoped<LinkBuilder>();
        builder.Services.AddSingleton<EmailStatus>();
        builder.Services.AddSingleton<OutboxSender>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());

        builder.Services.AddConcordProblemDetails();
        builder.Services.AddOpenApi("v1", o => o.AddConcordContract());

        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);

        builder.Services.AddAntiforgery(o =>
        {
            o.HeaderName = "RequestVerificationToken";
            o.Cookie.Name = "concord.af";
            // Secure whenever the request is HTTPS, including behind a trusted proxy that ends HTTPS (ProxyHeaders).
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Features";
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.Add(new TenantPagesConvention());
            o.Conventions.ConfigureFilter(new TenantHandlerFilter());
            o.Conventions.ConfigureFilter(new TwoFactorRequiredFilter());
            o.Conventions.ConfigureFilter(new NoHandlerFilter());
        }).AddMvcOptions(o => o.ModelBinderProviders.Insert(0, new DateInputBinderProvider()));
        builder.Services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        return builder;
    }

    public static WebApplication UseConcord(this WebApplication app)
    {
        app.UseTrustedProxyHeaders();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseConcordErrorHandling();
        app.UseMiddleware<EmptyQueryValues>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();
        // After authorisation, so only people allowed to send a request have its body read.
        app.UseMiddleware<NulCharacterGuard>();

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapConcordHealthChecks();
        app.MapRazorPages();
        app.MapConcordApi();
        return app;
    }

    /// <summary>Prints the address people should open, once Kestrel is listening.</summary>
    public static void PrintUrlsWhenStarted(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
            foreach (var address in addresses ?? [])
            {
                Console.WriteLine($"Concord is running at {address}");
            }
        });
    }
}
