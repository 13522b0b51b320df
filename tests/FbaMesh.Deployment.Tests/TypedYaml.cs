using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FbaMesh.Deployment.Tests;

/// <summary>
/// Reads YAML with typed scalars, as kubectl and daprd do (sigs.k8s.io/yaml, YAML 1.1 resolution):
/// a plain 20 is a number, a plain true is a boolean, a quoted "20" stays a string. Schema checks
/// need the types; <see cref="YamlDocuments"/> keeps every scalar a string for comparisons.
/// </summary>
internal static class TypedYaml
{
    private static readonly string[] True = ["true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "y", "Y"];
    private static readonly string[] False = ["false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF", "n", "N"];

    public static IReadOnlyList<JsonNode> Load(string path)
    {
        var stream = new YamlStream();
        using (var text = File.OpenText(path))
        {
            stream.Load(text);
        }

        return [.. stream.Documents.Select(d => Convert(d.RootNode)).OfType<JsonNode>()];
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv =>
            KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? "", Convert(kv.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(Convert)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidDataException($"Unsupported YAML node {node.NodeType} at {node.Start}."),
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }

        if (value is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (True.Contains(value))
        {
            return JsonValue.Create(true);
        }

        if (False.Contains(value))
        {
            return JsonValue.Create(false);
        }

        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && !double.IsInfinity(number)
            ? JsonValue.Create(number)
            : JsonValue.Create(value);
    }
}
