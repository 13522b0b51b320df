using System.Globalization;
using System.Text.Json.Nodes;

namespace FbaMesh.DevMesh.Hosting;

/// <summary>
/// The enricher's mapping options that the sample orders' expectations assume
/// (fixtures/mapping-options.json), handed over as environment variables (Section__Key__0 …)
/// whenever the Crystallize emulator serves those sample orders.
/// </summary>
internal static class SampleMappingOptions
{
    public static IEnumerable<KeyValuePair<string, string>> ToEnvironment(string fixturesPath)
    {
        var file = Path.Combine(fixturesPath, "mapping-options.json");
        return File.Exists(file) && JsonNode.Parse(File.ReadAllText(file)) is { } root
            ? Flatten(root, prefix: "")
            : [];
    }

    private static IEnumerable<KeyValuePair<string, string>> Flatten(JsonNode node, string prefix) => node switch
    {
        JsonObject o => o.SelectMany(kv => kv.Value is null ? [] : Flatten(kv.Value, Join(prefix, kv.Key))),
        JsonArray a => a.SelectMany((item, i) => item is null ? [] : Flatten(item, Join(prefix, i.ToString(CultureInfo.InvariantCulture)))),
        JsonValue v => [new(prefix, v.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString())],
        _ => [],
    };

    private static string Join(string prefix, string key) => prefix.Length == 0 ? key : prefix + "__" + key;
}
