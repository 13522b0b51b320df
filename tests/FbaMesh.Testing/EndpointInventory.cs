using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace FbaMesh.Testing;

/// <summary>One endpoint a service maps: its route, its methods ("*" for any) and whether it opens itself to callers without the app token.</summary>
public sealed record MappedEndpoint(string Route, string Method, bool AllowsWithoutAppToken, RoutePattern Pattern)
{
    /// <summary>"POST /api/orders/{id}/retry": how allow-lists in tests name an endpoint.</summary>
    public string Key => $"{Method} {Route}";

    /// <summary>A concrete path for the route: each parameter replaced by its sample value, or "x".</summary>
    public string PathWith(IReadOnlyDictionary<string, string>? samples = null)
    {
        var segments = Pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => samples?.GetValueOrDefault(parameter.Name) ?? "x",
            _ => throw new InvalidOperationException($"Route {Route} has a part the inventory cannot fill."),
        })));
        return "/" + string.Join('/', segments);
    }
}

/// <summary>
/// Every endpoint a service maps, read from its EndpointDataSource (what routing matches against), so a
/// test built on it covers a route added later without being told about it.
/// </summary>
public static class EndpointInventory
{
    public const string AnyMethod = "*";

    public static IReadOnlyList<MappedEndpoint> Of(IServiceProvider services)
    {
        var endpoints = services.GetRequiredService<EndpointDataSource>().Endpoints;
        var mapped = new List<MappedEndpoint>();
        foreach (var endpoint in endpoints)
        {
            if (endpoint is not RouteEndpoint route)
            {
                throw new InvalidOperationException($"Endpoint '{endpoint.DisplayName}' has no route; the inventory cannot probe it.");
            }

            var allows = endpoint.Metadata.Any(m => m.GetType().Name == "AllowWithoutAppTokenAttribute");
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } declared ? declared : [AnyMethod];
            var text = "/" + (route.RoutePattern.RawText ?? string.Empty).TrimStart('/');
            mapped.AddRange(methods.Select(method => new MappedEndpoint(text, method, allows, route.RoutePattern)));
        }

        return mapped;
    }
}
