using System.Globalization;
using Concord.Web.Infrastructure.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.OpenApi;

namespace Concord.Web.Infrastructure.OpenApi;

/// <summary>
/// What the OpenAPI document promises, read from each endpoint's own metadata so no endpoint has to repeat it:
/// the bearer scheme (personal access tokens and session tokens from <c>POST /api/v1/auth/token</c>) on every operation
/// that needs a signed-in caller, and the problem responses every operation can give — 401 and 403 when it needs
/// authorisation, 404 when it names a record or sits under a partnership or organisation, 400 when it reads a body,
/// query or route values, 409 when its body carries a <c>version</c> (a stale write), 415 when it reads a JSON body and
/// 429 when it is rate limited. Every 4xx answer is described as <c>application/problem+json</c> with the shared
/// <c>ProblemDetails</c> (or, for 400, <c>HttpValidationProblemDetails</c>) schema. What an endpoint declares itself is
/// kept (its description), but its content is always the problem schema. Request and response schemas follow
/// <see cref="SchemaContract"/>. The document passes <c>@redocly/cli lint</c> (test.sh).
/// </summary>
public static class ApiContract
{
    public const string SchemeName = "bearer";
    public const string ProblemSchema = "ProblemDetails";
    public const string ValidationProblemSchema = "HttpValidationProblemDetails";
    public const string ProblemMediaType = "application/problem+json";

    /// <summary>What each group of operations is for (tags without an entry get a plain sentence from their name).</summary>
    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Network"] = "The network this Concord serves: its name and what it is for. No sign-in needed.",
        ["Authentication"] = "Exchange an e-mail address and password (and authenticator code) for a bearer token.",
        ["Your account"] = "Who you are, your memberships and your personal access tokens.",
        ["Accounts"] = "People's accounts (network admins).",
        ["Audit"] = "The append-only audit trail (network admins).",
        ["Organisations"] = "Organisations, their members and invitations.",
        ["Partnerships"] = "Partnerships, their partners and members.",
        ["Readiness"] = "Each partner's readiness reflection and aims.",
        ["Delivery model"] = "Workstreams and the RACI grid.",
        ["Agreement"] = "The partnership agreement, its versions and signatures.",
        ["Commitments"] = "What partners promised, their status updates and exports.",
        ["Ledger"] = "The append-only, hash-chained communications ledger and its exports.",
        ["Guidance"] = "Guidance articles by stage.",
        ["Checklists"] = "Checklists a partnership adopts and ticks.",
        ["Stories"] = "Partnership stories and their publication.",
        ["Reports"] = "Learning reports for practitioners and the sector.",
        ["Lessons"] = "The lessons library: search, write, moderate and export lessons.",
        ["Hand-over"] = "Everything a partnership holds, as one download.",
    };

    public static OpenApiOptions AddConcordContract(this OpenApiOptions options)
    {
        options.AddSchemaTransformer(SchemaContract.TransformAsync);
        options.AddOperationTransformer(DescribeOperation);
        options.AddDocumentTransformer((document, _, _) =>
        {
            DescribeDocument(document);
            return Task.CompletedTask;
        });
        return options;
    }

    private static Task DescribeOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var needsCaller = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        var scoped = metadata.OfType<TenantOperationMetadata>().Any();
        var template = description.ActionDescriptor.AttributeRouteInfo?.Template ?? description.RelativePath ?? "";
        var namesRecord = template.Contains('{', StringComparison.Ordinal);
        var readsBody = description.ParameterDescriptions.Any(p => p.Source == BindingSource.Body || p.Source == BindingSource.Form);
        var readsInput = readsBody || description.ParameterDescriptions.Any(p => p.Source == BindingSource.Query);

        AddMissingPathParameters(operation, template);
        DescribeDownloads(operation, metadata);

        operation.Responses ??= new OpenApiResponses();
        void Add(int status, string text)
        {
            var key = status.ToString(CultureInfo.InvariantCulture);
            if (!operation.Responses.ContainsKey(key))
            {
                operation.Responses[key] = new OpenApiResponse { Description = text };
            }
        }

        if (readsInput)
        {
            Add(StatusCodes.Status400BadRequest, "The request is not valid: `errors` names each field with what is wrong, or `detail` names the value that could not be read.");
        }

        if (needsCaller)
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] }];
            Add(StatusCodes.Status401Unauthorized, "No token, or the token has expired or been revoked.");
            Add(StatusCodes.Status403Forbidden, "Your role does not allow this (the problem's `detail` says why), or a read-only token tried to change something.");
        }
        else
        {
            // Anonymous: an empty requirement says "no credentials needed" (rather than leaving security unstated).
            operation.Security = [new OpenApiSecurityRequirement()];
        }

        if (namesRecord || scoped)
        {
            Add(StatusCodes.Status404NotFound, "No such record, or it is outside your partnerships and organisations.");
        }

        if (readsBody && BodyCarriesVersion(operation))
        {
            Add(StatusCodes.Status409Conflict, "Someone else changed the record after you read it (the `version` you sent is not the saved one): nothing was saved; `current` is the record as saved now.");
        }

        if (readsBody)
        {
            Add(StatusCodes.Status415UnsupportedMediaType, "The body is not sent as JSON (Content-Type: application/json).");
        }

        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            Add(StatusCodes.Status429TooManyRequests, "Too many requests from you: `Retry-After` and the problem's `detail` say when to try again.");
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Endpoints under a scoped group (<c>/partnerships/{id}</c>) often take the scope from dependency injection rather than
    /// binding <c>id</c>, so the generator leaves the route value undeclared. Every route value is declared here, with its
    /// route constraint's type.
    /// </summary>
    private static void AddMissingPathParameters(OpenApiOperation operation, string template)
    {
        if (!template.Contains('{', StringComparison.Ordinal))
        {
            return;
        }

        RoutePattern pattern;
        try
        {
            pattern = RoutePatternFactory.Parse(template);
        }
        catch (RoutePatternException)
        {
            return;
        }

        operation.Parameters ??= [];
        foreach (var parameter in pattern.Parameters)
        {
            if (operation.Parameters.Any(p => p.In == ParameterLocation.Path && string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var constraints = parameter.ParameterPolicies.Select(p => p.Content).ToList();
            var schema = constraints.Contains("guid")
                ? new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" }
                : constraints.Contains("int") || constraints.Contains("long")
                    ? new OpenApiSchema { Type = JsonSchemaType.Integer, Format = constraints.Contains("int") ? "int32" : "int64" }
                    : new OpenApiSchema { Type = JsonSchemaType.String };
            operation.Parameters.Add(new OpenApiParameter { Name = parameter.Name, In = ParameterLocation.Path, Required = true, Schema = schema });
        }
    }

    /// <summary>Downloads declare their media types (<c>ProducesFile</c>) without a .NET type: each gets a schema saying what
    /// the body is, so the document says an export is CSV, a zip or JSON.</summary>
    private static void DescribeDownloads(OpenApiOperation operation, IList<object> metadata)
    {
        var downloads = metadata.OfType<IProducesResponseTypeMetadata>()
            .Where(m => m.StatusCode == StatusCodes.Status200OK && (m.Type is null || m.Type == typeof(void)) && m.ContentTypes.Any())
            .SelectMany(m => m.ContentTypes)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (downloads.Count == 0)
        {
            return;
        }

        operation.Responses ??= new OpenApiResponses();
        if (!operation.Responses.TryGetValue("200", out var existing) || existing is not OpenApiResponse ok)
        {
            ok = new OpenApiResponse();
            operation.Responses["200"] = ok;
        }

        ok.Description = downloads.Count == 1 ? $"The download ({downloads[0]})." : $"The download, as {string.Join(" or ", downloads)}.";
        ok.Content ??= new Dictionary<string, OpenApiMediaType>();
        foreach (var type in downloads)
        {
            if (ok.Content.ContainsKey(type))
            {
                continue;
            }

            ok.Content[type] = new OpenApiMediaType
            {
                Schema = type.EndsWith("json", StringComparison.OrdinalIgnoreCase)
                    ? new OpenApiSchema { Description = "A JSON document, written as it is read." }
                    : new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", ContentMediaType = type },
            };
        }
    }

    private static bool BodyCarriesVersion(OpenApiOperation operation)
    {
        var schema = operation.RequestBody?.Content?.Values.FirstOrDefault()?.Schema;
        var properties = schema switch
        {
            OpenApiSchemaReference reference => reference.Target?.Properties,
            _ => schema?.Properties,
        };
        return properties?.ContainsKey("version") == true;
    }

    private static void DescribeDocument(OpenApiDocument document)
    {
        document.Info.Title = "Concord API";
        document.Info.Version = "v1";
        document.Info.Description = "JSON API for partnerships of voluntary-sector organisations. Errors are RFC 9457 problem details (application/problem+json).";
        // The generator names the address the document was read at (http://localhost/ behind a proxy): the API is on the
        // same host as the document, so the server is the relative root.
        document.Servers = [new OpenApiServer { Url = "/", Description = "This Concord (the host that serves this document)." }];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A personal access token (Your account → Personal access tokens) or a session token from POST /api/v1/auth/token, sent as `Authorization: Bearer <token>`.",
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ProblemSchema] = Problem(withErrors: false);
        document.Components.Schemas[ValidationProblemSchema] = Problem(withErrors: true);

        foreach (var operation in AllOperations(document))
        {
            foreach (var (status, response) in operation.Responses ?? new OpenApiResponses())
            {
                if (status.Length == 3 && status[0] is '4' or '5' && response is OpenApiResponse error)
                {
                    var schema = status == "400" ? ValidationProblemSchema : ProblemSchema;
                    error.Content = new Dictionary<string, OpenApiMediaType>
                    {
                        [ProblemMediaType] = new() { Schema = new OpenApiSchemaReference(schema, document) },
                    };
                    if (string.IsNullOrWhiteSpace(error.Description) || error.Description == Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(int.Parse(status, CultureInfo.InvariantCulture)))
                    {
                        error.Description = DefaultDescription(status);
                    }
                }
            }
        }

        var tags = AllOperations(document).SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(t => t.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
        document.Tags ??= new HashSet<OpenApiTag>();
        foreach (var name in tags)
        {
            var tag = document.Tags.FirstOrDefault(t => t.Name == name);
            if (tag is null)
            {
                tag = new OpenApiTag { Name = name };
                document.Tags.Add(tag);
            }

            tag.Description ??= TagDescriptions.GetValueOrDefault(name) ?? $"{name}.";
        }
    }

    private static IEnumerable<OpenApiOperation> AllOperations(OpenApiDocument document) =>
        (document.Paths ?? new OpenApiPaths()).Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []);

    private static string DefaultDescription(string status) => status switch
    {
        "400" => "The request is not valid: `errors` names each field with what is wrong.",
        "401" => "Not signed in, or the credentials are not right.",
        "403" => "Not allowed: the problem's `detail` says why.",
        "404" => "No such record, or it is outside your partnerships and organisations.",
        "409" => "The change clashes with what is saved: nothing was saved, and the problem's `detail` says why.",
        "423" => "The account is locked after too many failed attempts.",
        "429" => "Too many requests: `Retry-After` and the problem's `detail` say when to try again.",
        _ => "An error, described as an RFC 9457 problem.",
    };

    /// <summary>The RFC 9457 problem every error answer is, with the extensions Concord adds.</summary>
    private static OpenApiSchema Problem(bool withErrors)
    {
        var properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A URI reference that identifies the kind of problem." },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A short summary of the kind of problem." },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status code." },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "What went wrong this time, in words." },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The path that was requested." },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Quote this when reporting the problem." },
            ["current"] = new OpenApiSchema { Description = "On a 409 for a stale write: the record as saved now." },
        };
        if (withErrors)
        {
            properties["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Each field that needs changing (camelCase path) with what is wrong.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            };
        }

        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = withErrors ? "An RFC 9457 problem with the fields that need changing." : "An RFC 9457 problem.",
            Required = new HashSet<string> { "title", "status" },
            Properties = properties,
            AdditionalProperties = new OpenApiSchema(),
        };
    }
}
