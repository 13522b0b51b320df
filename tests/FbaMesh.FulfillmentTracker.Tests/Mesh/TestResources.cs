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

    public static string Create() => TestComponents.Create("fbamesh-tracker-tests", QuickResiliency);

    public static void Delete(string folder) => TestComponents.Delete(folder);
}
