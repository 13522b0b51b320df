using FbaMesh.Testing;
using Microsoft.Extensions.Configuration;

namespace FbaMesh.OrderEnricher.Tests.Mesh;

/// <summary>
/// The repository's Dapr components with a resiliency policy that redelivers within milliseconds, so
/// RETRY paths finish quickly; and the mapping options the emulator's fixtures assume.
/// </summary>
internal static class TestResources
{
    private const string QuickResiliency = """
        apiVersion: dapr.io/v1alpha1
        kind: Resiliency
        metadata:
          name: test-resiliency
        spec:
          policies:
            timeouts:
              submit: 10s
            retries:
              eventRedelivery:
                policy: constant
                duration: 20ms
                maxRetries: 20
              invocation:
                policy: constant
                duration: 10ms
                maxRetries: 0
          targets:
            apps:
              fba-submitter:
                timeout: submit
                retry: invocation
            components:
              fbamesh-pubsub:
                inbound:
                  retry: eventRedelivery
        """;

    public static string Create() => TestComponents.Create("fbamesh-enricher-tests", QuickResiliency);

    public static void Delete(string folder) => TestComponents.Delete(folder);

    /// <summary>tools/crystallize-emulator/fixtures/mapping-options.json as configuration key/value pairs.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> MappingOptions() =>
        new ConfigurationBuilder()
            .AddJsonFile(RepositoryPaths.Combine("tools", "crystallize-emulator", "fixtures", "mapping-options.json"))
            .Build()
            .AsEnumerable()
            .Where(kv => kv.Value is not null);
}
