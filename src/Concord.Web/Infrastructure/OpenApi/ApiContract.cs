using Concord.Web.Infrastructure.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Concord.Web.Infrastructure.OpenApi;

/// <summary>
/// What the OpenAPI document promises, read from each endpoint's own metadata so no endpoint has to repeat it:
/// the bearer scheme (personal access tokens and session tokens from <c>POST /api/v1/auth/token</c>) on every operation
/// that needs a signed-in caller, and the problem responses every such operation can give — 401 and 403 when it needs
/// authorisation, 404 when it names a record or sits under a partnership or organisation, 400 when it reads a body
/// or query values. What an endpoint declares itself is never replaced.
/// </summary>
public static class ApiContract
{
    public const string SchemeName = "bearer";

    public static OpenApiOptions AddConcordContract(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Concord API";
            document.Info.Version = "v1";
            document.Info.Description = "JSON API for partnerships of voluntary-sector organisations. Errors are RFC 9457 problem details.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A personal access token (Your account → Personal access tokens) or a session token from POST /api/v1/auth/token, sent as `Authorization: Bearer <token>`.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer(async (operation, context, ct) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var needsCaller = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
            var scoped = metadata.OfType<TenantOperationMetadata>().Any();
            var namesRecord = context.Description.RelativePath?.Contains('{', StringComparison.Ordinal) == true;
            var readsInput = context.Description.ParameterDescriptions.Any(p =>
                p.Source == BindingSource.Body || p.Source == BindingSource.Query || p.Source == BindingSource.Form);

            operation.Responses ??= new OpenApiResponses();
            var problem = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, ct);
            void Add(int status, string description)
            {
                var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (!operation.Responses.ContainsKey(key))
                {
                    operation.Responses[key] = new OpenApiResponse
                    {
                        Description = description,
                        Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = problem } },
                    };
                }
            }

            if (readsInput)
            {
                Add(StatusCodes.Status400BadRequest, "The request is not valid: `errors` names each field with what is wrong.");
            }

            if (needsCaller)
            {
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] }];
                Add(StatusCodes.Status401Unauthorized, "No token, or the token has expired or been revoked.");
                Add(StatusCodes.Status403Forbidden, "Your role does not allow this (the problem's `detail` says why), or a read-only token tried to change something.");
            }

            if (namesRecord || scoped)
            {
                Add(StatusCodes.Status404NotFound, "No such record, or it is outside your partnerships and organisations.");
            }
        });
        return options;
    }
}
