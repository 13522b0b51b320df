using FbaMesh.DaprEmulator.Redis;
using FbaMesh.LoopbackPorts;
using FbaMesh.Testing;
using StackExchange.Redis;
using Xunit;

namespace FbaMesh.DaprEmulator.Tests.Support;

/// <summary>
/// A real redis-server for one test class, on a free loopback port with its data in a temp folder,
/// and a components folder whose pubsub.redis and state.redis point at it. "pubsub" reclaims nothing a
/// test makes: an entry is reclaimed once it is processingTimeout past its read, even while still queued
/// or being delivered, so a 1 s timeout made copies whenever a loaded machine took a second to deliver.
/// "pubsub-reclaim" has the short processingTimeout and redeliverInterval the redelivery test needs.
/// </summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    public const string SkipReason = "redis-server is not installed (Debian: apt-get install redis-server; .ci/run installs it).";

    private readonly string folder = Directory.CreateTempSubdirectory("fbamesh-redis-test-").FullName;
    private LocalRedisServer? server;

    public static bool Available => LocalRedisServer.FindExecutable() is not null;

    public LocalRedisServer Server => server ?? throw new InvalidOperationException(SkipReason);

    /// <summary>Components: pubsubs "pubsub" and "pubsub-reclaim" (pubsub.redis), statestore "statestore" (state.redis), the test resiliency.</summary>
    public string ResourcesPath => Path.Combine(folder, "components");

    public ConnectionMultiplexer Redis { get; private set; } = null!;

    public IDatabase Database => Redis.GetDatabase();

    public async Task InitializeAsync()
    {
        if (!Available)
        {
            return;
        }

        server = await LocalRedisServer.StartAsync(FreeTcpPort.Next(), Path.Combine(folder, "data"));
        Redis = await ConnectionMultiplexer.ConnectAsync(server.Host);
        Directory.CreateDirectory(ResourcesPath);
        await WritePubSubAsync("pubsub", processingTimeout: "60s", redeliverInterval: "1s");
        await WritePubSubAsync("pubsub-reclaim", processingTimeout: "1s", redeliverInterval: "200ms");
        await File.WriteAllTextAsync(Path.Combine(ResourcesPath, "statestore.yaml"), $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: statestore
            spec:
              type: state.redis
              version: v1
              metadata:
                - name: redisHost
                  value: {server.Host}
            """);
        File.Copy(Path.Combine(Sidecars.ResourcesPath, "resiliency.yaml"), Path.Combine(ResourcesPath, "resiliency.yaml"));
    }

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await Redis.DisposeAsync();
            await server.DisposeAsync();
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private Task WritePubSubAsync(string name, string processingTimeout, string redeliverInterval) =>
        File.WriteAllTextAsync(Path.Combine(ResourcesPath, $"{name}.yaml"), $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: {name}
            spec:
              type: pubsub.redis
              version: v1
              metadata:
                - name: redisHost
                  value: {Server.Host}
                - name: processingTimeout
                  value: {processingTimeout}
                - name: redeliverInterval
                  value: {redeliverInterval}
                - name: concurrency
                  value: "3"
                - name: maxLenApprox
                  value: "1000"
            """);

    public SidecarOptions For(string appId, int? appPort = null) => Sidecars.For(appId, appPort) with { ResourcesPath = ResourcesPath };
}
