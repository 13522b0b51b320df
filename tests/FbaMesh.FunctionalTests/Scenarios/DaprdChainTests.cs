using FbaMesh.FunctionalTests.Mesh;
using Xunit;
using Xunit.Abstractions;

namespace FbaMesh.FunctionalTests.Scenarios;

/// <summary>
/// The scenarios on real daprd sidecars and Redis (Testcontainers); skipped without Docker. Alone:
/// <c>FBAMESH_REAL_DAPRD=required dotnet test tests/FbaMesh.FunctionalTests -c Release --filter Runtime=daprd</c>.
/// </summary>
[Trait("Runtime", "daprd")]
public sealed class DaprdChainTests(DaprdMeshFixture fixture, ITestOutputHelper output) : ChainScenarios(output), IClassFixture<DaprdMeshFixture>
{
    protected override Task<IMeshUnderTest> MeshAsync() => fixture.MeshAsync();
}
