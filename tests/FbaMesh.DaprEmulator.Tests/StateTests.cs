using System.Net;
using Dapr.Client;
using FbaMesh.DaprEmulator.Tests.Support;
using Etag = Dapr.Client.Autogen.Grpc.v1.Etag;
using SaveStateRequest = Dapr.Client.Autogen.Grpc.v1.SaveStateRequest;
using StateItem = Dapr.Client.Autogen.Grpc.v1.StateItem;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Xunit;

namespace FbaMesh.DaprEmulator.Tests;

/// <summary>state.in-memory with ETags, concurrency modes, app-id key prefixes and transactions.</summary>
public sealed class StateTests : IAsyncLifetime
{
    private DaprEmulatorHost host = null!;

    public async Task InitializeAsync() => host = await Sidecars.StartAsync(Sidecars.For("app-one"), Sidecars.For("app-two"));

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_stale_etag_is_aborted_with_daprds_message_and_changes_nothing()
    {
        using var dapr = host["app-one"].Client();
        await dapr.SaveStateAsync("statestore", "order-1", new Order("o", 1));
        var (_, etag) = await dapr.GetStateAndETagAsync<Order>("statestore", "order-1");
        await dapr.SaveStateAsync("statestore", "order-1", new Order("o", 2));

        Assert.False(await dapr.TrySaveStateAsync("statestore", "order-1", new Order("o", 3), etag));
        using var channel = GrpcChannel.ForAddress(host["app-one"].GrpcEndpoint);
        var raw = new Dapr.Client.Autogen.Grpc.v1.Dapr.DaprClient(channel);
        var save = new SaveStateRequest { StoreName = "statestore" };
        save.States.Add(new StateItem { Key = "order-1", Value = ByteString.CopyFromUtf8("{}"), Etag = new Etag { Value = etag } });
        var error = await Assert.ThrowsAsync<RpcException>(async () => await raw.SaveStateAsync(save));

        var (value, current) = await dapr.GetStateAndETagAsync<Order>("statestore", "order-1");
        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Equal(
            $"failed saving state in state store statestore: possible etag mismatch. error from state store: state etag not match for key=app-one||order-1: current={current}, expect={etag}",
            error.Status.Detail);
        Assert.Equal(2, value.Quantity);
        Assert.Matches("^[0-9]+$", current);
    }

    [Fact]
    public async Task First_write_creates_once_and_then_needs_the_etag()
    {
        using var dapr = host["app-one"].Client();
        var firstWrite = new StateOptions { Concurrency = ConcurrencyMode.FirstWrite };

        await dapr.SaveStateAsync("statestore", "fw", new Order("a", 1), firstWrite);
        var again = Errors.Rpc(await Assert.ThrowsAnyAsync<Exception>(() => dapr.SaveStateAsync("statestore", "fw", new Order("a", 2), firstWrite)));
        var (_, etag) = await dapr.GetStateAndETagAsync<Order>("statestore", "fw");
        Assert.True(await dapr.TrySaveStateAsync("statestore", "fw", new Order("a", 3), etag, firstWrite));

        Assert.Equal(StatusCode.Aborted, again.StatusCode);
        Assert.EndsWith("possible etag mismatch. error from state store: item already exists and no etag was passed", again.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(3, (await dapr.GetStateAsync<Order>("statestore", "fw")).Quantity);
    }

    [Fact]
    public async Task Delete_with_a_stale_etag_is_aborted()
    {
        using var dapr = host["app-one"].Client();
        await dapr.SaveStateAsync("statestore", "del", new Order("d", 1));

        Assert.False(await dapr.TryDeleteStateAsync("statestore", "del", "12345"));
        var (_, etag) = await dapr.GetStateAndETagAsync<Order>("statestore", "del");
        Assert.True(await dapr.TryDeleteStateAsync("statestore", "del", etag));

        Assert.Null(await dapr.GetStateAsync<Order?>("statestore", "del"));
    }

    [Fact]
    public async Task Apps_do_not_see_each_others_keys()
    {
        using var one = host["app-one"].Client();
        using var two = host["app-two"].Client();

        await one.SaveStateAsync("statestore", "shared-name", new Order("one", 1));

        Assert.Null(await two.GetStateAsync<Order?>("statestore", "shared-name"));
        using var http = new HttpClient();
        var raw = await http.GetAsync(new Uri(host["app-one"].HttpEndpoint, "/v1.0/state/statestore/shared-name"));
        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        Assert.Matches("^[0-9]+$", Assert.Single(raw.Headers.GetValues("ETag")));
        Assert.Equal(HttpStatusCode.NoContent, (await http.GetAsync(new Uri(host["app-two"].HttpEndpoint, "/v1.0/state/statestore/shared-name"))).StatusCode);
    }

    [Fact]
    public async Task A_transaction_with_one_stale_etag_applies_nothing()
    {
        using var dapr = host["app-one"].Client();
        await dapr.SaveStateAsync("statestore", "tx-a", new Order("a", 1));
        var bulk = await dapr.GetBulkStateAsync("statestore", ["tx-a", "tx-b"], parallelism: 1);
        Assert.Equal(["tx-a", "tx-b"], bulk.Select(i => i.Key));
        Assert.Equal("", bulk[1].Value);

        var error = Errors.Rpc(await Assert.ThrowsAnyAsync<Exception>(() => dapr.ExecuteStateTransactionAsync("statestore",
        [
            new StateTransactionRequest("tx-b", System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new Order("b", 1)), StateOperationType.Upsert),
            new StateTransactionRequest("tx-a", null, StateOperationType.Delete, etag: "777"),
        ])));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains("possible etag mismatch", error.Status.Detail, StringComparison.Ordinal);
        Assert.Null(await dapr.GetStateAsync<Order?>("statestore", "tx-b"));
        Assert.NotNull(await dapr.GetStateAsync<Order?>("statestore", "tx-a"));
    }
}
