using FbaMesh.Testing;

namespace FbaMesh.FulfillmentTracker.Tests.Mesh;

/// <summary>The repository's pub/sub, state and secret components with a resiliency policy that redelivers within milliseconds.</summary>
internal static class TestResources
{
    private const string QuickResiliency = """
        apiVersion: dapr.io/v1alpha1
        kind: Resiliency
        metadata:
          name: test-resiliency
        spec:
          policies:
            retries:
              eventRedelivery:
                policy: constant
                duration: 20ms
                maxRetries: 50
          targets:
            components:
              fbamesh-pubsub:
                inbound:
                  retry: eventRedelivery
        """;

    public static string Create()
    {
        var folder = Path.Combine(Path.GetTempPath(), "fbamesh-tracker-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var name in new[] { "pubsub.yaml", "statestore.yaml", "secretstore.yaml" })
        {
            File.Copy(RepositoryPaths.Combine("components", name), Path.Combine(folder, name));
        }

        File.WriteAllText(Path.Combine(folder, "resiliency.yaml"), QuickResiliency);
        return folder;
    }

    public static void Delete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
