using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OpenApi;

namespace Concord.Web.Features.ApiReference.Pages;

/// <summary>A readable reference built from the same OpenAPI document that integrations download.</summary>
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class IndexModel : PageModel
{
    public sealed record Operation(string Method, string Path, string Summary);

    public sealed record Group(string Id, string Tag, IReadOnlyList<Operation> Operations);

    public IReadOnlyList<Group> Groups { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var provider = HttpContext.RequestServices.GetRequiredKeyedService<IOpenApiDocumentProvider>("v1");
        var document = await provider.GetOpenApiDocumentAsync(ct);
        var operations = new List<(string Tag, Operation Op)>();
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                var tag = operation.Tags?.FirstOrDefault()?.Name ?? "Other";
                var summary = operation.Summary ?? operation.Description ?? "";
                operations.Add((tag, new Operation(method.Method.ToUpperInvariant(), path, summary)));
            }
        }

        Groups = operations
            .GroupBy(o => o.Tag)
            .OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => new Group(
                new string(g.Key.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray()),
                g.Key,
                g.Select(o => o.Op).OrderBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal).ToList()))
            .ToList();
    }
}
