using FbaMesh.Testing;

namespace FbaMesh.DevMesh.Tests;

/// <summary>
/// devmesh as a developer runs it: one process that starts the whole mesh. One mesh start carries
/// the whole story (start, supervision, restart, an order end to end, SIGTERM), because every start
/// costs three .NET processes on a two-core machine.
/// </summary>
[Collection(MeshCollection.Name)]
public sealed class DevMeshRunTests
{
    private const string OrderId = "6724c1a95e1d4b0012a3f101";

    [Fact]
    public async Task Mesh_takes_a_signed_webhook_to_amazon_survives_crashes_and_leaves_no_child_after_SIGTERM()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        await using var devmesh = DevMeshProcess.Start();
        var endpoints = await devmesh.WaitForEndpointsAsync();
        // The table and the URL line are printed before the file is written; the pipe may lag a little.
        await Eventually.UntilAsync(() => devmesh.Output.Contains($"Webhook URL: {endpoints.GatewayWebhookUrl}", StringComparison.Ordinal),
            "the printed webhook URL", TimeSpan.FromSeconds(10));
        // The operator console is printed and written beside the operator token.
        Assert.Equal(new Uri(endpoints.Services["order-enricher"].AppUrl, "/console"), endpoints.ConsoleUrl);
        await Eventually.UntilAsync(() => devmesh.Output.Contains($"Console: {endpoints.ConsoleUrl}", StringComparison.Ordinal),
            "the printed console URL", TimeSpan.FromSeconds(10));

        // The run's operator credential is in the endpoints file for scripts, never on the console.
        Assert.Matches("^[0-9a-f]{48}$", endpoints.OperatorToken);
        Assert.DoesNotContain(endpoints.OperatorToken!, devmesh.Output, StringComparison.Ordinal);

        // Supervision: a service killed from outside is reported and comes back on its own.
        var enricher = endpoints.Services["order-enricher"].ProcessId!.Value;
        Assert.Equal("dotnet", ProcessTree.CommandName(enricher));
        using (var kill = System.Diagnostics.Process.Start("kill", ["-KILL", enricher.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        var back = await Eventually.UntilAsync(
            async () => MeshEndpoints.FromJson(await ReadSharedAsync(devmesh.EndpointsFile)).Services["order-enricher"].ProcessId,
            pid => pid is { } p && p != enricher,
            "the supervisor to restart order-enricher", TimeSpan.FromSeconds(90));
        Assert.Contains("order-enricher exited unexpectedly", devmesh.Output, StringComparison.Ordinal);
        Assert.True(ProcessTree.IsAlive(back!.Value));

        // A failure drill from the command line: restart the gateway of the running devmesh.
        var gateway = endpoints.Services["webhook-gateway"].ProcessId;
        var (code, said) = await devmesh.CommandAsync("restart", "webhook-gateway");
        Assert.True(code == 0, said);
        var restarted = MeshEndpoints.FromJson(await ReadSharedAsync(devmesh.EndpointsFile)).Services["webhook-gateway"].ProcessId;
        Assert.NotEqual(gateway, restarted);

        // An order end to end: signed webhook to the printed gateway URL → Amazon (the SP-API emulator).
        Assert.Equal(202, await Upstreams.SendOrderCreatedAsync(http, endpoints, OrderId));
        var atAmazon = await Eventually.UntilAsync(
            () => Upstreams.GetFulfillmentOrderAsync(http, endpoints, OrderId), order => order is not null,
            "the order at the SP-API emulator", TimeSpan.FromSeconds(90));
        Assert.Equal(OrderId, atAmazon!["payload"]?["fulfillmentOrder"]?["sellerFulfillmentOrderId"]?.GetValue<string>());
        await Eventually.UntilAsync(() => devmesh.Output.Contains($"order {OrderId} submitted", StringComparison.Ordinal),
            "the live line for the submitted order", TimeSpan.FromSeconds(30));

        // SIGTERM: devmesh stops every child and exits cleanly; nothing it started survives.
        var children = ProcessTree.Descendants(devmesh.Id);
        Assert.True(children.Count(pid => ProcessTree.CommandName(pid) == "dotnet") >= 3, string.Join(", ", children.Select(ProcessTree.CommandName)));
        devmesh.Signal("TERM");
        Assert.Equal(0, await devmesh.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        await Eventually.UntilAsync(() => !children.Any(ProcessTree.IsAlive),
            $"every process devmesh started to be gone: {string.Join(", ", children.Where(ProcessTree.IsAlive).Select(ProcessTree.CommandName))}",
            TimeSpan.FromSeconds(10));
        Assert.False(File.Exists(devmesh.EndpointsFile));
    }

    private static async Task<string> ReadSharedAsync(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
