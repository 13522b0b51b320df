using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace FbaMesh.Deployment.Tests;

/// <summary>
/// Reads YAML files (every document of a multi-document file) as JSON nodes, so tests navigate
/// with indexers. Scalars stay strings: "5100" and 5100 compare equal, as Kubernetes sees them.
/// </summary>
internal static class YamlDocuments
{
    private static readonly IDeserializer Reader = new DeserializerBuilder().Build();
    private static readonly ISerializer JsonWriter = new SerializerBuilder().JsonCompatible().Build();

    public static IReadOnlyList<JsonObject> Load(string path)
    {
        using var text = File.OpenText(path);
        var parser = new Parser(text);
        parser.Consume<StreamStart>();
        var documents = new List<JsonObject>();
        while (parser.Accept<DocumentStart>(out _))
        {
            var value = Reader.Deserialize(parser);
            if (value is not null && JsonNode.Parse(JsonWriter.Serialize(value)) is JsonObject doc)
            {
                documents.Add(doc);
            }
        }

        return documents;
    }

    public static JsonObject LoadOne(string path) => Assert.Single(Load(path));

    public static IEnumerable<JsonObject> LoadKind(string folder, string kind) =>
        Directory.EnumerateFiles(folder, "*.yaml", SearchOption.AllDirectories)
            .SelectMany(Load)
            .Where(d => (string?)d["kind"] == kind);

    public static string Text(this JsonNode? node) => node?.ToString() ?? "";
}
