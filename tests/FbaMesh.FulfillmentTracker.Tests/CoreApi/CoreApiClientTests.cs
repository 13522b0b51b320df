using System.Text.Json.Nodes;
using FbaMesh.Crystallize.CoreApi;
using FbaMesh.CrystallizeEmulator;
using FbaMesh.LoopbackPorts;
using FbaMesh.ServiceDefaults.Secrets;
using FbaMesh.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FbaMesh.FulfillmentTracker.Tests.CoreApi;

/// <summary>The Core API client against the Crystallize emulator's Core API (GraphQL.NET), over a socket.</summary>
public sealed class CoreApiClientTests : IAsyncLifetime
{
    private const string OrderId = "6724c1a95e1d4b0012a3f1c0";
    private CrystallizeEmulatorApp crystallize = null!;
    private IHost host = null!;
    private readonly FixedSecret secret = new();

    public async Task InitializeAsync()
    {
        this.crystallize = await CrystallizeEmulatorApp.StartAsync(new CrystallizeEmulatorOptions { Port = FreeTcpPort.Next(), TenantIdentifier = "acme", AccessTokenId = "id-1", AccessTokenSecret = "secret-1" });
        this.crystallize.PutOrder(OrderId, JsonNode.Parse($$"""{"id":"{{OrderId}}","createdAt":"2026-11-02T09:00:00Z","meta":[{"key":"fba-shipping-speed","value":"Expedited"},{"key":"fba-status","value":"Processing"}]}""")!.AsObject());
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CrystallizeCoreApi:Url"] = this.crystallize.BaseAddress + "@{tenantIdentifier}",
            ["CrystallizeCoreApi:HttpRetries"] = "0",
            // A loaded machine: the ceiling only guards against hanging.
            ["CrystallizeCoreApi:AttemptTimeout"] = "00:01:00",
            ["CrystallizeCoreApi:TotalTimeout"] = "00:02:00",
        });
        builder.Services.AddSingleton<ISecretSource>(this.secret);
        builder.AddCrystallizeCoreApi();
        this.host = builder.Build();
        await this.host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await this.host.StopAsync();
        this.host.Dispose();
        await this.crystallize.DisposeAsync();
    }

    private CoreApiClient Client => this.host.Services.GetRequiredService<CoreApiClient>();

    private static Dictionary<string, string> Meta(string status) => new() { ["fba-status"] = status, ["fba-shipments"] = """[{"carrier":"UPS","trackingNumber":"1Z1"}]""" };

    [Fact]
    public async Task Merging_meta_keeps_other_keys_and_writes_a_change_once()
    {
        var first = await Client.MergeMetaAsync(OrderId, Meta("Complete"), CancellationToken.None);
        var second = await Client.MergeMetaAsync(OrderId, Meta("Complete"), CancellationToken.None);

        Assert.True(Assert.IsType<CoreApiOutcome.Done>(first).Changed);
        Assert.False(Assert.IsType<CoreApiOutcome.Done>(second).Changed);
        var stored = this.crystallize.Orders.Peek(OrderId)!["meta"]!.AsArray();
        Assert.Equal(["fba-shipping-speed", "fba-status", "fba-shipments"], stored.Select(m => m!["key"]!.GetValue<string>()));
        Assert.Equal("Expedited", stored[0]!["value"]!.GetValue<string>());
        Assert.Equal("Complete", stored[1]!["value"]!.GetValue<string>());
        Assert.Equal(["updateOrder"], this.crystallize.Orders.Writes(OrderId)!.Select(w => w.Operation));
    }

    [Fact]
    public async Task Moving_to_a_stage_happens_once()
    {
        var first = await Client.MoveToStageAsync(OrderId, "fba", "shipped", CancellationToken.None);
        var second = await Client.MoveToStageAsync(OrderId, "fba", "shipped", CancellationToken.None);

        Assert.True(Assert.IsType<CoreApiOutcome.Done>(first).Changed);
        Assert.False(Assert.IsType<CoreApiOutcome.Done>(second).Changed);
        Assert.Equal("""[{"pipelineId":"fba","stageId":"shipped"}]""", this.crystallize.Orders.Peek(OrderId)!["pipelines"]!.ToJsonString());
        Assert.Equal(["updateOrderPipelineStage"], this.crystallize.Orders.Writes(OrderId)!.Select(w => w.Operation));
    }

    [Fact]
    public async Task An_unknown_order_is_not_found_and_nothing_is_written()
    {
        const string unknown = "6724c1a95e1d4b0012a3ffff";

        Assert.IsType<CoreApiOutcome.NotFound>(await Client.MergeMetaAsync(unknown, Meta("Complete"), CancellationToken.None));
        Assert.IsType<CoreApiOutcome.NotFound>(await Client.MoveToStageAsync(unknown, "fba", "shipped", CancellationToken.None));
        Assert.Null(this.crystallize.Orders.Writes(unknown));
    }

    [Fact]
    public async Task A_refused_token_is_a_transient_failure_that_names_no_secret_value()
    {
        this.secret.Values["accessTokenSecret"] = "wrong-secret";

        var outcome = Assert.IsType<CoreApiOutcome.Failed>(await Client.MergeMetaAsync(OrderId, Meta("Complete"), CancellationToken.None));

        Assert.True(outcome.Transient);
        Assert.DoesNotContain("wrong-secret", outcome.Reason, StringComparison.Ordinal);
        Assert.Empty(this.crystallize.Orders.Writes(OrderId)!);
    }

    [Fact]
    public async Task An_incomplete_secret_fails_naming_the_missing_key()
    {
        this.secret.Values.Remove("accessTokenId");

        var outcome = Assert.IsType<CoreApiOutcome.Failed>(await Client.GetOrderAsync(OrderId, CancellationToken.None));

        Assert.Contains("'accessTokenId'", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_error_is_transient_and_writes_nothing()
    {
        using var http = new HttpClient { BaseAddress = this.crystallize.BaseAddress };
        (await http.PostAsync("_emulator/faults", new StringContent("""{"status":503}""", System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();

        var outcome = Assert.IsType<CoreApiOutcome.Failed>(await Client.MergeMetaAsync(OrderId, Meta("Complete"), CancellationToken.None));

        Assert.True(outcome.Transient);
        Assert.Empty(this.crystallize.Orders.Writes(OrderId)!);
    }

    private sealed class FixedSecret : ISecretSource
    {
        public Dictionary<string, string> Values { get; } = new() { ["accessTokenId"] = "id-1", ["accessTokenSecret"] = "secret-1", ["tenantIdentifier"] = "acme" };

        public Task<IReadOnlyDictionary<string, string>> GetAsync(string store, string name, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>(Values));
    }
}
