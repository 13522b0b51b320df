using System.Text.Json;
using System.Text.Json.Serialization;

namespace FbaMesh.OrderEnricher.Api;

/// <summary>Order state as the API shows it: camelCase, statuses by name.</summary>
internal static class OrderStateJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
