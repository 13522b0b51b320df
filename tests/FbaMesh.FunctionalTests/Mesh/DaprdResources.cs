using FbaMesh.DaprEmulator;
using FbaMesh.Testing;

namespace FbaMesh.FunctionalTests.Mesh;

/// <summary>
/// The Dapr resources for real daprd in containers: the same component names as components/ and
/// deploy/kubernetes (Redis pub/sub and state, local-file secrets), resiliency and per-app
/// Configurations copied from components/ unchanged.
/// </summary>
internal static class DaprdResources
{
    public static void Write(string root, IReadOnlyList<SidecarOptions> apps)
    {
        var components = Directory.CreateDirectory(Path.Combine(root, "components")).FullName;
        var configuration = Directory.CreateDirectory(Path.Combine(root, "configuration")).FullName;
        File.Copy(RepositoryPaths.Combine("components", "resiliency.yaml"), Path.Combine(components, "resiliency.yaml"));
        File.Copy(RepositoryPaths.Combine("components", "secrets.dev.json"), Path.Combine(root, "secrets.json"));
        foreach (var app in apps)
        {
            File.Copy(RepositoryPaths.Combine("components", "configuration", app.AppId + ".yaml"), Path.Combine(configuration, app.AppId + ".yaml"));
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
        File.WriteAllText(Path.Combine(components, "secretstore.yaml"), Component("fbamesh-secrets", "secretstores.local.file", """
                - name: secretsFile
                  value: /dapr/secrets.json
                - name: multiValued
                  value: "true"
            """));
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
