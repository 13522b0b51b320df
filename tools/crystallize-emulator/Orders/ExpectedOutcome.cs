using System.Text.Json;
using System.Text.Json.Nodes;

namespace FbaMesh.CrystallizeEmulator.Orders;

/// <summary>
/// What a sample order must come to (fixtures/expected.json): "submit" (Amazon holds it, with the
/// given request fields when listed), "skip" or "fail" (with the given reason code when listed).
/// </summary>
public sealed record ExpectedOutcome(string OrderId, string Outcome, string? ReasonCode, JsonObject? Request)
{
    public const string Submit = "submit";
    public const string Skip = "skip";
    public const string Fail = "fail";

    public bool GoesToAmazon => Outcome == Submit;

    public static IReadOnlyList<ExpectedOutcome> Load(string fixturesPath)
    {
        var path = Path.Combine(fixturesPath, "expected.json");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No expected outcomes: {path} does not exist.", path);
        }

        var root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
            ?? throw new InvalidDataException($"{path} is not a JSON object of order id → expectation.");
        return root
            .Where(kv => kv.Value is JsonObject)
            .Select(kv => new ExpectedOutcome(
                kv.Key,
                Known(kv.Value!["outcome"]?.GetValue<string>(), path, kv.Key),
                kv.Value["reasonCode"]?.GetValue<string>(),
                kv.Value["request"] as JsonObject))
            .OrderBy(e => e.OrderId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Every field of the expected request is in the actual one with the same value (arrays compared whole).</summary>
    public static bool RequestMatches(JsonNode? expected, JsonNode? actual) => (expected, actual) switch
    {
        (null, _) => true,
        (JsonObject e, JsonObject a) => e.All(kv => a.TryGetPropertyValue(kv.Key, out var value) && RequestMatches(kv.Value, value)),
        (JsonArray e, JsonArray a) => e.Count == a.Count && e.Zip(a).All(p => RequestMatches(p.First, p.Second)),
        (JsonValue e, JsonValue a) => JsonNode.DeepEquals(e, a) || string.Equals(Text(e), Text(a), StringComparison.Ordinal),
        _ => false,
    };

    private static string Known(string? outcome, string path, string orderId) => outcome switch
    {
        Submit or Skip or Fail => outcome,
        null => throw new InvalidDataException($"{path}: order {orderId} has no outcome."),
        _ => throw new InvalidDataException($"{path}: order {orderId} has the unknown outcome '{outcome}'."),
    };

    private static string Text(JsonValue value) =>
        value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
}
