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

    public static string Create()
    {
        var folder = Path.Combine(Path.GetTempPath(), "fbamesh-enricher-tests", Guid.NewGuid().ToString("N"));
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

    /// <summary>tools/crystallize-emulator/fixtures/mapping-options.json as configuration key/value pairs.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> MappingOptions() =>
        new ConfigurationBuilder()
            .AddJsonFile(RepositoryPaths.Combine("tools", "crystallize-emulator", "fixtures", "mapping-options.json"))
            .Build()
            .AsEnumerable()
            .Where(kv => kv.Value is not null);
}
