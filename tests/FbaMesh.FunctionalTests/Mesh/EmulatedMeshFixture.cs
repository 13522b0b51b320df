using Xunit;

namespace FbaMesh.FunctionalTests.Mesh;

/// <summary>One devmesh for the scenarios of a class, started on first use and stopped after the class.</summary>
public sealed class EmulatedMeshFixture : IAsyncLifetime
{
    private readonly Lazy<Task<EmulatedMesh>> mesh = new(EmulatedMesh.StartAsync);

    public async Task<IMeshUnderTest> MeshAsync() => await mesh.Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (mesh.IsValueCreated)
        {
            await (await mesh.Value).DisposeAsync();
        }
    }
}
