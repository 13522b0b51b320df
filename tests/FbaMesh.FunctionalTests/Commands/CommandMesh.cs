using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FbaMesh.DevMesh;
using FbaMesh.DevMesh.Demo;
using FbaMesh.FunctionalTests.Mesh;
using FbaMesh.SpApiEmulator;
using FbaMesh.Testing;
using Xunit;

namespace FbaMesh.FunctionalTests.Commands;

/// <summary>
/// A devmesh for the shop's commands, with the sample configuration ((fba, cancel) → cancel, (fba,
/// release) → release) plus what a subclass adds, and its service logs where a scenario can read them.
/// </summary>
public class CommandMeshFixture : IAsyncLifetime
{
    public const string StagePath = StageCommandsDemo.StageWebhookPath;

    public DevMesh.Mesh Mesh { get; private set; } = null!;

    public string LogDirectory { get; } = Path.Combine(Path.GetTempPath(), "fbamesh-functional", Guid.NewGuid().ToString("n"));

    public Uri OrderCreatedUrl => Mesh.Endpoints.GatewayWebhookUrl;

    public Uri StageUrl => new(Mesh.Endpoints.GatewayWebhookUrl, StagePath);

    protected virtual IDictionary<string, string> EnricherSettings => new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        var environment = MeshSettings.AppEnvironment();
        foreach (var (key, value) in EnricherSettings)
        {
            environment["order-enricher"][key] = value;
        }

        Mesh = await DevMesh.Mesh.StartAsync(new MeshOptions { UseFreePorts = true, AppEnvironment = environment, LogDirectory = LogDirectory });
    }

    public async Task DisposeAsync() => await Mesh.DisposeAsync();

    /// <summary>Sends the order-created webhook for a copy of a sample order and waits until it settles.</summary>
    public async Task<OrderProgress> CreateAsync(string id, JsonObject order)
    {
        Mesh.Crystallize!.PutOrder(id, order);
        using var answer = await Mesh.Crystallize.SendOrderCreatedWebhookAsync(id, OrderCreatedUrl);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, answer.StatusCode);
        return await Mesh.WaitForSettledAsync(id, MeshSettings.SettleTimeout);
    }

    public async Task MoveToStageAsync(string id, string stageId, string pipelineId = "fba")
    {
        using var answer = await Mesh.Crystallize!.MoveToStageAndSendWebhookAsync(id, pipelineId, stageId, StageUrl);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, answer.StatusCode);
    }

    public Task<AmazonOrderView?> AmazonUntilAsync(string id, Func<AmazonOrderView, bool> condition, string what, TimeSpan? deadline = null) =>
        Eventually.UntilAsync(() => AmazonOrderView.ReadAsync(Mesh.SpApi!, id), v => v is not null && condition(v), what, deadline);

    public Task<string?> CancelMetaUntilAsync(string id, string expected, TimeSpan? deadline = null) =>
        Eventually.UntilAsync(() => Task.FromResult(StageCommandsDemo.CancelMeta(Mesh.Crystallize!, id)), v => v == expected, $"meta fba-cancel = {expected} on {id}", deadline);

    /// <summary>Moves an order on at the emulated Amazon (the sandbox's submitFulfillmentOrderStatusUpdate).</summary>
    public async Task AmazonMovesAsync(string id, string status)
    {
        using var http = new HttpClient { BaseAddress = Mesh.SpApi!.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Put, "fba/outbound/2020-07-01/fulfillmentOrders/" + id + "/status")
        {
            Content = JsonContent.Create(new { fulfillmentOrderStatus = status }),
        };
        request.Headers.Add("x-amz-access-token", Mesh.SpApi.IssueAccessToken());
        using var answer = await http.SendAsync(request);
        Assert.True(answer.IsSuccessStatusCode, $"Moving {id} to {status} at Amazon: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
    }

    /// <summary>Waits for the enricher to log a line about this order containing <paramref name="text"/>.</summary>
    public Task EnricherLoggedAsync(string id, string text, TimeSpan? deadline = null) =>
        Eventually.UntilAsync(() => EnricherLogged(id, text), $"the enricher to log '{text}' for {id}", deadline);

    /// <summary>Whether the enricher logged a line about this order containing <paramref name="text"/>.</summary>
    public bool EnricherLogged(string id, string text) =>
        LogLines().Any(l => l.Contains(id, StringComparison.Ordinal) && l.Contains(text, StringComparison.Ordinal));

    private string[] LogLines()
    {
        var path = Path.Combine(LogDirectory, "order-enricher.log");
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n');
    }
}

/// <summary>Lifecycle:SubmitOn = Stage with (fba, submit) → submit, and Fulfillment:PreviewBeforeCreate = true.</summary>
public sealed class SubmitOnStageMeshFixture : CommandMeshFixture
{
    protected override IDictionary<string, string> EnricherSettings => new Dictionary<string, string>
    {
        ["Lifecycle__SubmitOn"] = "Stage",
        ["Fulfillment__PreviewBeforeCreate"] = "true",
        ["Commands__Stages__2__PipelineId"] = "fba",
        ["Commands__Stages__2__StageId"] = "submit",
        ["Commands__Stages__2__Command"] = "Submit",
    };
}
