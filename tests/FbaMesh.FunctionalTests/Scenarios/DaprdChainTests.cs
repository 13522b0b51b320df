using FbaMesh.FunctionalTests.Mesh;
using Xunit;
using Xunit.Abstractions;

namespace FbaMesh.FunctionalTests.Scenarios;

/// <summary>The scenarios on real daprd sidecars and Redis (Testcontainers); skipped without Docker.</summary>
public sealed class DaprdChainTests : ChainScenarios, IClassFixture<DaprdMeshFixture>
{
    private readonly DaprdMeshFixture fixture;

    public DaprdChainTests(DaprdMeshFixture fixture, ITestOutputHelper output)
    {
        this.fixture = fixture;
        Output = output;
    }

    protected override Task<IMeshUnderTest> MeshAsync() => fixture.MeshAsync();
}
