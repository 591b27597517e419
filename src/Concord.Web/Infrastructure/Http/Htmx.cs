namespace Concord.Web.Infrastructure.Http;

/// <summary>
/// htmx makes some pages quicker (filters that update a table, a status update in place). A handler answers an htmx
/// request (header <c>HX-Request</c>) with the fragment it swaps, and every other request with the whole page or a
/// redirect, so everything works without JavaScript.
/// </summary>
public static class Htmx
{
    public static bool IsHtmx(this HttpRequest request) =>
        request.Headers.TryGetValue("HX-Request", out var value) && value == "true" && !request.Headers.ContainsKey("HX-Boosted");
}
