using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace FbaMesh.DaprEmulator.Resources;

/// <summary>
/// Reads YAML files (one or several documents each) as JSON nodes, so every resource kind is navigated
/// the same way. Scalars stay strings, as Dapr reads them ("20", "true", "200ms").
/// </summary>
internal static class YamlDocuments
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();
    private static readonly ISerializer JsonWriter = new SerializerBuilder().JsonCompatible().Build();

    public static IReadOnlyList<JsonObject> Read(string path)
    {
        using var reader = File.OpenText(path);
        var parser = new Parser(reader);
        parser.Consume<StreamStart>();
        var documents = new List<JsonObject>();
        try
        {
            while (parser.Accept<DocumentStart>(out _))
            {
                var value = Deserializer.Deserialize<object?>(parser);
                if (value is null)
                {
                    continue;
                }

                if (JsonNode.Parse(JsonWriter.Serialize(value)) is JsonObject obj)
                {
                    documents.Add(obj);
                }
                else
                {
                    throw new InvalidDataException($"{path}: a document is not a YAML mapping.");
                }
            }
        }
        catch (YamlException ex)
        {
            throw new InvalidDataException($"{path}: not valid YAML ({ex.Message}).", ex);
        }

        return documents;
    }

    public static string? Text(this JsonNode? node, string name) =>
        node is JsonObject obj && obj.TryGetPropertyValue(name, out var value) && value is JsonValue v ? v.ToString() : null;

    public static JsonObject? Object(this JsonNode? node, string name) =>
        node is JsonObject obj && obj.TryGetPropertyValue(name, out var value) ? value as JsonObject : null;

    public static IEnumerable<JsonNode> Items(this JsonNode? node, string name) =>
        node is JsonObject obj && obj.TryGetPropertyValue(name, out var value) && value is JsonArray array
            ? array.OfType<JsonNode>()
            : [];

    public static IReadOnlyList<string> Strings(this JsonNode? node, string name) =>
        [.. node.Items(name).Select(i => i.ToString())];
}
