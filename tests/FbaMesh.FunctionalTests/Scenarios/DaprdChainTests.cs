using FbaMesh.FunctionalTests.Mesh;
using Xunit;

namespace FbaMesh.FunctionalTests.Scenarios;

/// <summary>The scenarios on real daprd sidecars and Redis (Testcontainers); skipped without Docker.</summary>
public sealed class DaprdChainTests(DaprdMeshFixture fixture) : ChainScenarios, IClassFixture<DaprdMeshFixture>
{
    protected override Task<IMeshUnderTest> MeshAsync() => fixture.MeshAsync();
}
