using System.Text.Json.Nodes;
using FbaMesh.Testing;

namespace FbaMesh.Deployment.Tests;

/// <summary>Every Dapr resource of the repository: each YAML document under components/ and deploy/kubernetes/ whose apiVersion is dapr.io.</summary>
internal static class DaprResources
{
    public static readonly string[] Folders = ["components", Path.Combine("deploy", "kubernetes")];

    public static IEnumerable<(string File, int Index, JsonNode Document)> All() =>
        Folders
            .SelectMany(f => Directory.EnumerateFiles(RepositoryPaths.Combine(f), "*.yaml", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)
            .SelectMany(file => TypedYaml.Load(file).Select((doc, i) => (Path.GetRelativePath(RepositoryPaths.Root, file), i, doc)))
            .Where(d => DaprSchemas.IsDaprResource(d.doc));
}
