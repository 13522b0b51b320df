using Xunit;

namespace FbaMesh.FunctionalTests.Mesh;

/// <summary>One real-daprd mesh for a class; where no Docker engine answers, every test skips with the reason.</summary>
public sealed class DaprdMeshFixture : IAsyncLifetime
{
    private readonly Lazy<Task<DaprdMesh>> mesh = new(DaprdMesh.StartAsync);

    public async Task<IMeshUnderTest> MeshAsync()
    {
        var reason = await DockerEngine.UnreachableReasonAsync();
        Skip.If(reason is not null, $"Real daprd scenarios skipped: {reason}");
        return await mesh.Value;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (mesh.IsValueCreated)
        {
            await (await mesh.Value).DisposeAsync();
        }
    }
}
