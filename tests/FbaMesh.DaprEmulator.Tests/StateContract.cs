using Dapr.Client;
using FbaMesh.DaprEmulator.Tests.Support;
using Grpc.Core;
using Xunit;

namespace FbaMesh.DaprEmulator.Tests;

/// <summary>
/// What FbaMesh relies on from a state store, run against state.in-memory and against state.redis on
/// a real redis-server: ETags change on every write, a stale ETag is refused as ABORTED and changes
/// nothing, a first-write creates a key once, a stale delete is refused, apps do not see each other's keys.
/// </summary>
public abstract class StateContract : IAsyncLifetime
{
    private DaprEmulatorHost host = null!;

    protected abstract SidecarOptions Sidecar(string appId);

    /// <summary>False skips every test with <see cref="RedisServerFixture.SkipReason"/>.</summary>
    protected virtual bool Available => true;

    public async Task InitializeAsync()
    {
        if (Available)
        {
            host = await Sidecars.StartAsync(Sidecar("app-one"), Sidecar("app-two"));
        }
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task Every_write_gives_a_new_numeric_etag()
    {
        using var dapr = Client();
        var key = Key();
        await dapr.SaveStateAsync("statestore", key, new Order("o", 1));
        var (_, first) = await dapr.GetStateAndETagAsync<Order>("statestore", key);
        await dapr.SaveStateAsync("statestore", key, new Order("o", 2));
        var (value, second) = await dapr.GetStateAndETagAsync<Order>("statestore", key);

        Assert.Matches("^[0-9]+$", first);
        Assert.Matches("^[0-9]+$", second);
        Assert.NotEqual(first, second);
        Assert.Equal(2, value.Quantity);
    }

    [SkippableFact]
    public async Task A_stale_etag_is_aborted_and_changes_nothing()
    {
        using var dapr = Client();
        var key = Key();
        await dapr.SaveStateAsync("statestore", key, new Order("o", 1));
        var (_, stale) = await dapr.GetStateAndETagAsync<Order>("statestore", key);
        await dapr.SaveStateAsync("statestore", key, new Order("o", 2));
        var firstWrite = new StateOptions { Concurrency = ConcurrencyMode.FirstWrite };

        // The SDK answers false only for ABORTED; the raw call shows the status and daprd's wording.
        Assert.False(await dapr.TrySaveStateAsync("statestore", key, new Order("o", 3), stale, firstWrite));
        var error = await Assert.ThrowsAsync<RpcException>(() => RawSaveAsync(key, stale));

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Contains("possible etag mismatch", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(2, (await dapr.GetStateAsync<Order>("statestore", key)).Quantity);
    }

    [SkippableFact]
    public async Task First_write_without_an_etag_creates_the_key_once()
    {
        using var dapr = Client();
        var key = Key();
        var firstWrite = new StateOptions { Concurrency = ConcurrencyMode.FirstWrite };

        await dapr.SaveStateAsync("statestore", key, new Order("a", 1), firstWrite);
        await Assert.ThrowsAnyAsync<Exception>(() => dapr.SaveStateAsync("statestore", key, new Order("a", 2), firstWrite));
        var (_, etag) = await dapr.GetStateAndETagAsync<Order>("statestore", key);
        Assert.True(await dapr.TrySaveStateAsync("statestore", key, new Order("a", 3), etag, firstWrite));

        Assert.Equal(3, (await dapr.GetStateAsync<Order>("statestore", key)).Quantity);
    }

    [SkippableFact]
    public async Task Delete_with_a_stale_etag_is_refused_and_with_the_current_one_deletes()
    {
        using var dapr = Client();
        var key = Key();
        await dapr.SaveStateAsync("statestore", key, new Order("d", 1));
        var (_, stale) = await dapr.GetStateAndETagAsync<Order>("statestore", key);
        await dapr.SaveStateAsync("statestore", key, new Order("d", 2));

        Assert.False(await dapr.TryDeleteStateAsync("statestore", key, stale));
        Assert.NotNull(await dapr.GetStateAsync<Order?>("statestore", key));
        var (_, etag) = await dapr.GetStateAndETagAsync<Order>("statestore", key);
        Assert.True(await dapr.TryDeleteStateAsync("statestore", key, etag));

        Assert.Null(await dapr.GetStateAsync<Order?>("statestore", key));
    }

    [SkippableFact]
    public async Task Apps_do_not_see_each_others_keys_and_bulk_reads_answer_missing_keys_empty()
    {
        using var one = Client();
        using var two = host["app-two"].Client();
        var key = Key();
        await one.SaveStateAsync("statestore", key, new Order("one", 1));

        Assert.Null(await two.GetStateAsync<Order?>("statestore", key));
        var bulk = await one.GetBulkStateAsync("statestore", [key, key + "-missing"], parallelism: 1);
        Assert.NotEqual("", bulk[0].Value);
        Assert.Equal("", bulk[1].Value);
        Assert.Contains(host.StoredState(), s => s.Key == $"app-one||{key}");
    }

    protected DaprEmulatorHost Host => host;

    protected DaprClient Client()
    {
        Skip.IfNot(Available, RedisServerFixture.SkipReason);
        return host["app-one"].Client();
    }

    private static string Key() => "k-" + Guid.NewGuid().ToString("n")[..8];

    /// <summary>SaveState with an explicit stale ETag and default concurrency, straight over gRPC.</summary>
    private async Task RawSaveAsync(string key, string etag)
    {
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(host["app-one"].GrpcEndpoint);
        var raw = new Dapr.Client.Autogen.Grpc.v1.Dapr.DaprClient(channel);
        var save = new Dapr.Client.Autogen.Grpc.v1.SaveStateRequest { StoreName = "statestore" };
        save.States.Add(new Dapr.Client.Autogen.Grpc.v1.StateItem
        {
            Key = key,
            Value = Google.Protobuf.ByteString.CopyFromUtf8("{}"),
            Etag = new Dapr.Client.Autogen.Grpc.v1.Etag { Value = etag },
        });
        await raw.SaveStateAsync(save);
    }
}

/// <summary>The contract on state.in-memory.</summary>
public sealed class InMemoryStateContractTests : StateContract
{
    protected override SidecarOptions Sidecar(string appId) => Sidecars.For(appId);
}

/// <summary>The contract on state.redis over a real redis-server.</summary>
public sealed class RedisStateContractTests(RedisServerFixture redis) : StateContract, IClassFixture<RedisServerFixture>
{
    protected override bool Available => RedisServerFixture.Available;

    protected override SidecarOptions Sidecar(string appId) => redis.For(appId);
}
