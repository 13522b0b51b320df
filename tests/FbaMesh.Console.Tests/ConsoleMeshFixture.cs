using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using FbaMesh.CrystallizeEmulator.Orders;
using FbaMesh.DevMesh;
using FbaMesh.Testing;

namespace FbaMesh.Console.Tests;

/// <summary>
/// A running devmesh (free ports) after the 14 sample orders went in through the Crystallize emulator's
/// signed webhook sender and each settled, as `devmesh demo` does.
/// </summary>
public sealed class ConsoleMeshFixture : IAsyncLifetime
{
    public DevMesh.Mesh Mesh { get; private set; } = null!;

    public IReadOnlyList<ExpectedOutcome> Samples { get; private set; } = [];

    public Uri ConsoleUrl => Mesh.Endpoints.ConsoleUrl ?? throw new InvalidOperationException("devmesh wrote no console URL.");

    public string OperatorToken => Mesh.Endpoints.OperatorToken ?? throw new InvalidOperationException("devmesh wrote no operator token.");

    public async Task InitializeAsync()
    {
        Mesh = await DevMesh.Mesh.StartAsync(new MeshOptions
        {
            UseFreePorts = true,
            LogDirectory = Path.Combine(Path.GetTempPath(), "fbamesh-console-tests", Guid.NewGuid().ToString("n")),
        });
        Samples = ExpectedOutcome.Load(RepositoryPaths.Combine("tools", "crystallize-emulator", "fixtures"));
        foreach (var sample in Samples)
        {
            using var answer = await Mesh.Crystallize!.SendOrderCreatedWebhookAsync(sample.OrderId, Mesh.Endpoints.GatewayWebhookUrl);
            Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        }

        foreach (var sample in Samples)
        {
            await Mesh.WaitForSettledAsync(sample.OrderId, TimeSpan.FromSeconds(120));
        }

        var failed = Samples.Count(s => ExpectedStatus(s) == OrderProgress.Failed);
        await UntilListedAsync(
            "/console",
            html => Samples.All(s => Lists(html, s.OrderId, ExpectedStatus(s))) && Count(html, "All") == Samples.Count && Count(html, "Failed") == failed,
            "every sample listed on the console with its status and counted");
    }

    /// <summary>The status the console shows for a sample once it settled.</summary>
    public static string ExpectedStatus(ExpectedOutcome sample) => sample.Outcome switch
    {
        ExpectedOutcome.Submit => OrderProgress.Submitted,
        ExpectedOutcome.Skip => OrderProgress.Skipped,
        _ => OrderProgress.Failed,
    };

    /// <summary>
    /// Waits until the console page (read with the operator token) shows what <paramref name="shows"/> wants.
    /// The console lists from the order index, which is written after each order's state (its row, then the
    /// counts), so an order the state API calls settled may not be listed, or counted, yet.
    /// </summary>
    public async Task UntilListedAsync(string pathAndQuery, Func<string, bool> shows, string what)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorToken);
        await Eventually.UntilAsync(() => http.GetStringAsync(new Uri(ConsoleUrl, pathAndQuery)), shows, what);
    }

    /// <summary>True when the page lists <paramref name="orderId"/> with <paramref name="status"/>.</summary>
    public static bool Lists(string html, string orderId, string status) =>
        Regex.IsMatch(html.ReplaceLineEndings(" "), $"data-order=\"{orderId}\">\\s*<td class=\"id\">.*?</td>\\s*<td><span class=\"status status-{status}\">");

    private static int Count(string html, string status) =>
        Regex.Match(html, $"data-count=\"{status}\">([0-9]+)<") is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

    public async Task DisposeAsync() => await Mesh.DisposeAsync();
}
