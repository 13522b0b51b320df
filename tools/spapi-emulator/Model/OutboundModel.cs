using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FbaMesh.SpApiEmulator;

/// <summary>
/// Amazon's fulfillment outbound 2020-07-01 Swagger model, loaded once at start. Request schemas,
/// parameter rules and each operation's usage-plan table are read from it, never restated in code.
/// </summary>
internal sealed partial class OutboundModel
{
    private const string ResourceName = "fulfillmentOutbound_2020-07-01.json";
    private readonly JsonDocument document;
    private readonly Dictionary<string, JsonElement> operations = new(StringComparer.Ordinal);

    private OutboundModel(JsonDocument document)
    {
        this.document = document;
        Definitions = document.RootElement.GetProperty("definitions");
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var verb in path.Value.EnumerateObject())
            {
                if (verb.Value.ValueKind == JsonValueKind.Object && verb.Value.TryGetProperty("operationId", out var id))
                {
                    this.operations[id.GetString()!] = verb.Value;
                }
            }
        }
    }

    public JsonElement Definitions { get; }

    private static readonly Lazy<OutboundModel> Shared = new(Read);

    /// <summary>The model is read-only once loaded, so every emulator in a process shares one copy.</summary>
    public static OutboundModel Load() => Shared.Value;

    private static OutboundModel Read()
    {
        using var stream = typeof(OutboundModel).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded model {ResourceName} is missing.");
        return new OutboundModel(JsonDocument.Parse(stream));
    }

    /// <summary>The schema of the operation's body parameter (a $ref into definitions).</summary>
    public JsonElement BodySchemaOf(string operation) =>
        ParametersOf(operation).Single(p => p.GetProperty("in").GetString() == "body").GetProperty("schema");

    /// <summary>The operation's path and query parameters, which carry their own type, format and maxLength.</summary>
    public IEnumerable<JsonElement> ParametersOf(string operation) =>
        this.operations.TryGetValue(operation, out var op) && op.TryGetProperty("parameters", out var list)
            ? list.EnumerateArray().ToArray()
            : [];

    public JsonElement ParameterOf(string operation, string name) =>
        ParametersOf(operation).Single(p => p.GetProperty("name").GetString() == name);

    /// <summary>Rate and burst from the operation's "Usage Plan" table in its description.</summary>
    public UsagePlan? UsagePlanOf(string operation)
    {
        if (!this.operations.TryGetValue(operation, out var op) || !op.TryGetProperty("description", out var text))
        {
            return null;
        }

        var match = UsagePlanRow().Match(text.GetString() ?? string.Empty);
        return match.Success
            ? new UsagePlan(
                double.Parse(match.Groups["rate"].Value, CultureInfo.InvariantCulture),
                int.Parse(match.Groups["burst"].Value, CultureInfo.InvariantCulture))
            : null;
    }

    public bool Has(string operation) => this.operations.ContainsKey(operation);

    // The table row after the header and separator: "| 2 | 30 |".
    [GeneratedRegex(@"\|\s*Burst\s*\|\s*\n\|[-\s|]+\|\s*\n\|\s*(?<rate>[0-9.]+)\s*\|\s*(?<burst>[0-9]+)\s*\|")]
    private static partial Regex UsagePlanRow();

    public override string ToString() => $"fulfillment outbound model ({this.operations.Count} operations, {this.document.RootElement.GetProperty("definitions").EnumerateObject().Count()} definitions)";
}
