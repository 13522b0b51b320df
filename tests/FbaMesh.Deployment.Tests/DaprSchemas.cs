using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace FbaMesh.Deployment.Tests;

/// <summary>
/// Dapr's CRD schemas (Schemas/dapr, from dapr/dapr's Helm chart) as closed JSON Schemas.
/// <list type="bullet">
/// <item>A CRD's openAPIV3Schema is JSON Schema plus x-kubernetes-* extensions; descriptions are dropped.</item>
/// <item>Where a schema lists properties it gets additionalProperties: false. The API server prunes
/// unknown fields of a structural schema (and kubectl's strict field validation rejects them), and daprd
/// decodes into Go types that drop them: either way an unknown field is a setting that silently does
/// nothing, so here it is an error.</item>
/// <item>x-kubernetes-preserve-unknown-fields: true keeps a node open (a component metadata value, a
/// name resolution configuration): Kubernetes keeps what is there, so any content is accepted.</item>
/// <item>An object with no properties and no preserve flag would be pruned to {}, so it is closed too;
/// the root metadata is ObjectMeta, checked for the fields these files use (name, namespace, labels, annotations).</item>
/// </list>
/// </summary>
internal static class DaprSchemas
{
    private static readonly Lazy<Dictionary<string, JsonSchema>> Schemas = new(Load);

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Schemas", "dapr");

    /// <summary>Every apiVersion/kind the CRDs define, e.g. "dapr.io/v1alpha1/Resiliency".</summary>
    public static IReadOnlyCollection<string> Kinds => Schemas.Value.Keys;

    public static bool IsDaprResource(JsonNode document) =>
        document["apiVersion"]?.GetValue<string>() is { } apiVersion && apiVersion.StartsWith("dapr.io/", StringComparison.Ordinal);

    /// <summary>The schema errors of one Dapr resource, as "location: message"; empty when it is valid.</summary>
    public static IReadOnlyList<string> Errors(JsonNode document)
    {
        var key = $"{document["apiVersion"]}/{document["kind"]}";
        if (!Schemas.Value.TryGetValue(key, out var schema))
        {
            return [$"no Dapr CRD defines {key}"];
        }

        using var json = JsonDocument.Parse(document.ToJsonString());
        var result = schema.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? []
            : [.. (result.Details ?? [])
                .Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))
                .Distinct(StringComparer.Ordinal)];
    }

    private static Dictionary<string, JsonSchema> Load()
    {
        var schemas = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        foreach (var crd in Directory.EnumerateFiles(Folder, "*.yaml").SelectMany(TypedYaml.Load))
        {
            var spec = crd["spec"]!;
            var kind = spec["names"]!["kind"]!.GetValue<string>();
            foreach (var version in spec["versions"]!.AsArray())
            {
                var openApi = version!["schema"]!["openAPIV3Schema"]!.AsObject();
                var jsonSchema = Closed(openApi, isRoot: true);
                jsonSchema["$schema"] = "https://json-schema.org/draft/2020-12/schema";
                var key = $"{spec["group"]}/{version["name"]}/{kind}";
                schemas[key] = JsonSchema.FromText(jsonSchema.ToJsonString(), new BuildOptions(), new Uri($"https://fbamesh.test/crd/{key}"));
            }
        }

        return schemas;
    }

    private static JsonObject Closed(JsonObject openApi, bool isRoot = false)
    {
        var result = new JsonObject();
        var preserve = openApi["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true;
        foreach (var (name, value) in openApi)
        {
            if (name is "description" || name.StartsWith("x-kubernetes-", StringComparison.Ordinal) || value is null)
            {
                continue;
            }

            result[name] = name switch
            {
                "properties" => new JsonObject(value.AsObject().Select(p => KeyValuePair.Create<string, JsonNode?>(p.Key,
                    isRoot && p.Key == "metadata" ? ObjectMeta() : Closed(p.Value!.AsObject())))),
                "items" or "additionalProperties" when value is JsonObject sub => Closed(sub),
                _ => value.DeepClone(),
            };
        }

        var isObject = result["type"]?.GetValue<string>() == "object";
        if (isObject && !preserve && result["additionalProperties"] is null)
        {
            result["additionalProperties"] = false;
        }

        return result;
    }

    private static JsonObject ObjectMeta() => new()
    {
        ["type"] = "object",
        ["required"] = new JsonArray("name"),
        ["additionalProperties"] = false,
        ["properties"] = new JsonObject
        {
            ["name"] = new JsonObject { ["type"] = "string", ["pattern"] = "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$" },
            ["namespace"] = new JsonObject { ["type"] = "string" },
            ["labels"] = new JsonObject { ["type"] = "object", ["additionalProperties"] = new JsonObject { ["type"] = "string" } },
            ["annotations"] = new JsonObject { ["type"] = "object", ["additionalProperties"] = new JsonObject { ["type"] = "string" } },
        },
    };
}
