using Xunit;

namespace FbaMesh.FunctionalTests.Mesh;

/// <summary>
/// One real-daprd mesh for a class; where no Docker engine answers, every test skips with the reason,
/// unless FBAMESH_REAL_DAPRD=required says this machine is meant to run them: then it fails.
/// </summary>
public sealed class DaprdMeshFixture : IAsyncLifetime
{
    public const string RequiredVariable = "FBAMESH_REAL_DAPRD";

    private readonly Lazy<Task<DaprdMesh>> mesh = new(DaprdMesh.StartAsync);

    public async Task<IMeshUnderTest> MeshAsync()
    {
        var reason = await DockerEngine.UnreachableReasonAsync();
        if (reason is not null && Environment.GetEnvironmentVariable(RequiredVariable) == "required")
        {
            throw new InvalidOperationException($"{RequiredVariable}=required, but {reason}");
        }

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
