using Dapr.Client;
using FbaMesh.DaprEmulator.Tests.Support;
using Grpc.Core;
using StackExchange.Redis;
using Xunit;

namespace FbaMesh.DaprEmulator.Tests;

/// <summary>state.redis where it is Redis: daprd's hash layout, durability across emulator restarts, and its own rules.</summary>
public sealed class RedisStateTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [SkippableFact]
    public async Task A_key_is_a_hash_of_data_and_version_and_the_etag_is_the_version()
    {
        Skip.IfNot(RedisServerFixture.Available, RedisServerFixture.SkipReason);
        await using var host = await Sidecars.StartAsync(redis.For("hash-app"));
        using var dapr = host["hash-app"].Client();

        await dapr.SaveStateAsync("statestore", "order-1", new Order("o", 1));
        await dapr.SaveStateAsync("statestore", "order-1", new Order("o", 2));
        var (_, etag) = await dapr.GetStateAndETagAsync<Order>("statestore", "order-1");

        var fields = (await redis.Database.HashGetAllAsync("hash-app||order-1")).ToDictionary(f => f.Name.ToString(), f => f.Value.ToString());
        Assert.Equal("2", fields["version"]);
        Assert.Equal("2", etag);
        Assert.Contains("\"quantity\":2", fields["data"], StringComparison.OrdinalIgnoreCase);
    }

    [SkippableFact]
    public async Task State_outlives_the_emulator_process_state()
    {
        Skip.IfNot(RedisServerFixture.Available, RedisServerFixture.SkipReason);
        string etag;
        await using (var first = await Sidecars.StartAsync(redis.For("restart-app")))
        {
            using var dapr = first["restart-app"].Client();
            await dapr.SaveStateAsync("statestore", "kept", new Order("k", 7));
            (_, etag) = await dapr.GetStateAndETagAsync<Order>("statestore", "kept");
        }

        await using var second = await Sidecars.StartAsync(redis.For("restart-app"));
        using var again = second["restart-app"].Client();
        var (value, current) = await again.GetStateAndETagAsync<Order>("statestore", "kept");

        Assert.Equal(7, value.Quantity);
        Assert.Equal(etag, current);
        Assert.True(await again.TrySaveStateAsync("statestore", "kept", new Order("k", 8), current));
    }

    [SkippableFact]
    public async Task A_refused_first_write_without_an_etag_is_internal_as_in_daprd_and_an_unreadable_etag_is_invalid()
    {
        Skip.IfNot(RedisServerFixture.Available, RedisServerFixture.SkipReason);
        await using var host = await Sidecars.StartAsync(redis.For("rules-app"));
        using var dapr = host["rules-app"].Client();
        var firstWrite = new StateOptions { Concurrency = ConcurrencyMode.FirstWrite };
        await dapr.SaveStateAsync("statestore", "fw", new Order("a", 1), firstWrite);

        var again = Errors.Rpc(await Assert.ThrowsAnyAsync<Exception>(() => dapr.SaveStateAsync("statestore", "fw", new Order("a", 2), firstWrite)));
        var unreadable = Errors.Rpc(await Assert.ThrowsAnyAsync<Exception>(() => dapr.TrySaveStateAsync("statestore", "fw", new Order("a", 3), "not-a-number", firstWrite)));

        Assert.Equal(StatusCode.Internal, again.StatusCode);
        Assert.Contains("failed to set key rules-app||fw", again.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, unreadable.StatusCode);
        Assert.Equal(1, (await dapr.GetStateAsync<Order>("statestore", "fw")).Quantity);
    }

    [SkippableFact]
    public async Task A_transaction_is_not_rolled_back_the_operations_that_pass_apply_as_in_daprd()
    {
        Skip.IfNot(RedisServerFixture.Available, RedisServerFixture.SkipReason);
        await using var host = await Sidecars.StartAsync(redis.For("tx-app"));
        using var dapr = host["tx-app"].Client();
        await dapr.SaveStateAsync("statestore", "tx-a", new Order("a", 1));

        var error = Errors.Rpc(await Assert.ThrowsAnyAsync<Exception>(() => dapr.ExecuteStateTransactionAsync("statestore",
        [
            new StateTransactionRequest("tx-b", System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new Order("b", 1)), StateOperationType.Upsert),
            new StateTransactionRequest("tx-a", null, StateOperationType.Delete, etag: "777"),
        ])));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.StartsWith("error while executing state transaction", error.Status.Detail, StringComparison.Ordinal);
        Assert.NotNull(await dapr.GetStateAsync<Order?>("statestore", "tx-b"));
        Assert.NotNull(await dapr.GetStateAsync<Order?>("statestore", "tx-a"));
    }
}
