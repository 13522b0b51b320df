using System.Text.Json;
using System.Text.Json.Serialization;

namespace FbaMesh.OrderEnricher.Crystallize;

/// <summary>The GraphQL request and response envelopes of GET_CREATED_ORDER_DETAILS.</summary>
internal sealed record GraphQlRequest(string Query, string OperationName, IReadOnlyDictionary<string, string> Variables);

internal sealed record GraphQlResponse(OrderData? Data, IReadOnlyList<GraphQlError>? Errors);

internal sealed record OrderData(OrderQueries? Order);

internal sealed record OrderQueries(CrystallizeOrder? Get);

internal sealed record GraphQlError(string? Message, GraphQlErrorExtensions? Extensions)
{
    /// <summary>Crystallize (and the emulator) report an unknown or not yet readable id as NOT_FOUND.</summary>
    public bool IsNotFound => string.Equals(Extensions?.Code, "NOT_FOUND", StringComparison.OrdinalIgnoreCase);
}

internal sealed record GraphQlErrorExtensions(string? Code);

internal static class GraphQlJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        // Crystallize answers quantities and prices as JSON numbers, but be lenient with strings.
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };
}
