namespace FbaMesh.OrderEnricher.Tests.Mesh;

/// <summary>One mesh for a test class; its tests use orders of their own (EnricherMesh.CopyOfFixture).</summary>
public class MeshFixture : IAsyncLifetime
{
    public EnricherMesh Mesh { get; private set; } = null!;

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected virtual bool ApiTokens => false;

    public async Task InitializeAsync() => Mesh = await EnricherMesh.StartAsync(Settings, ApiTokens);

    public async Task DisposeAsync() => await Mesh.DisposeAsync();
}

/// <summary>A mesh whose waiting orders give up after 4 s (Redrive:Horizon), for the tests of giving up.</summary>
public sealed class ShortHorizonMeshFixture : MeshFixture
{
    public static readonly TimeSpan Horizon = TimeSpan.FromSeconds(4);

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Redrive:Horizon"] = Horizon.ToString("c") };
}
