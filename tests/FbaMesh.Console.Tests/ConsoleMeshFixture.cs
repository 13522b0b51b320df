using System.Net;
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
    }

    public async Task DisposeAsync() => await Mesh.DisposeAsync();
}
