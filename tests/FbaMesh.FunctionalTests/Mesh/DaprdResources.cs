using FbaMesh.DaprEmulator;
using FbaMesh.Testing;
using YamlDotNet.RepresentationModel;

namespace FbaMesh.FunctionalTests.Mesh;

/// <summary>
/// The Dapr resources for real daprd in containers: the same component names as components/ and
/// deploy/kubernetes (Redis pub/sub and state, local-file secrets), resiliency and per-app
/// Configurations from components/, each Configuration with SQLite name resolution added.
/// </summary>
internal static class DaprdResources
{
    public const string Root = "/dapr";
    public const string ComponentsInContainer = Root + "/components";

    /// <summary>
    /// Where the name resolution database lives: a Docker volume shared by every daprd container,
    /// mounted over the image's home folder of the nonroot user so that daprd may write it.
    /// </summary>
    public const string NameResolutionFolder = "/home/nonroot";

    public static string ConfigurationInContainer(string appId) => $"{Root}/configuration/{appId}.yaml";

    /// <summary>Sentry's own configuration (self-hosted Sentry refuses to start without one).</summary>
    public const string SentryConfigurationInContainer = Root + "/sentry.yaml";

    public static void Write(string root, IReadOnlyList<SidecarOptions> apps)
    {
        var components = Directory.CreateDirectory(Path.Combine(root, "components")).FullName;
        var configuration = Directory.CreateDirectory(Path.Combine(root, "configuration")).FullName;
        File.Copy(RepositoryPaths.Combine("components", "resiliency.yaml"), Path.Combine(components, "resiliency.yaml"));
        WriteSecrets(Path.Combine(root, "secrets.json"), apps);
        File.Copy(RepositoryPaths.Combine("components", "sentry", "daprsystem.yaml"), Path.Combine(root, "sentry.yaml"));
        foreach (var app in apps)
        {
            WithSqliteNameResolution(
                RepositoryPaths.Combine("components", "configuration", app.AppId + ".yaml"),
                Path.Combine(configuration, app.AppId + ".yaml"));
        }

        File.WriteAllText(Path.Combine(components, "pubsub.yaml"), Component("fbamesh-pubsub", "pubsub.redis", """
                - name: redisHost
                  value: redis:6379
                - name: consumerID
                  value: "{appID}"
            """));
        File.WriteAllText(Path.Combine(components, "statestore.yaml"), Component("fbamesh-state", "state.redis", """
                - name: redisHost
                  value: redis:6379
            """));
        File.WriteAllText(Path.Combine(components, "secretstore.yaml"), Component("fbamesh-secrets", "secretstores.local.file", $"""
                - name: secretsFile
                  value: {Root}/secrets.json
                - name: multiValued
                  value: "true"
            """));
    }

    /// <summary>
    /// components/secrets.dev.json plus the secrets the mesh serves from memory (the run's operator
    /// token), as the emulated sidecars overlay them: real daprd reads only the file.
    /// </summary>
    private static void WriteSecrets(string target, IReadOnlyList<SidecarOptions> apps)
    {
        var secrets = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(RepositoryPaths.Combine("components", "secrets.dev.json")))!.AsObject();
        foreach (var overlay in apps.SelectMany(a => a.SecretOverlays).Where(o => o.StoreName == "fbamesh-secrets"))
        {
            var values = new System.Text.Json.Nodes.JsonObject();
            foreach (var (key, value) in overlay.Values)
            {
                values[key] = value;
            }

            secrets[overlay.SecretName] = values;
        }

        File.WriteAllText(target, secrets.ToJsonString());
    }

    /// <summary>
    /// mDNS between containers depends on multicast on the Docker network, which many engines
    /// (Docker Desktop, rootless, CI runners) do not pass: the usual reason one sidecar cannot find
    /// another. SQLite name resolution is a table every sidecar writes its address to and reads the
    /// others' from: deterministic, and nothing beyond a shared volume.
    /// </summary>
    private static void WithSqliteNameResolution(string source, string target)
    {
        var stream = new YamlStream();
        using (var reader = File.OpenText(source))
        {
            stream.Load(reader);
        }

        var spec = (YamlMappingNode)((YamlMappingNode)stream.Documents.Single().RootNode).Children["spec"];
        spec.Children["nameResolution"] = new YamlMappingNode(
            "component", "sqlite",
            "version", "v1",
            "configuration", new YamlMappingNode("connectionString", $"{NameResolutionFolder}/nameresolution.db"));
        using var writer = File.CreateText(target);
        stream.Save(writer, assignAnchors: false);
    }

    private static string Component(string name, string type, string metadata) => $"""
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: {name}
        spec:
          type: {type}
          version: v1
          metadata:
        {metadata}
        """;
}
