using FbaMesh.FunctionalTests.Mesh;
using Xunit;
using Xunit.Abstractions;

namespace FbaMesh.FunctionalTests.Scenarios;

/// <summary>The scenarios on devmesh: emulated sidecars, always runnable on a plain machine.</summary>
public sealed class EmulatedChainTests : ChainScenarios, IClassFixture<EmulatedMeshFixture>
{
    private readonly EmulatedMeshFixture fixture;

    public EmulatedChainTests(EmulatedMeshFixture fixture, ITestOutputHelper output)
    {
        this.fixture = fixture;
        Output = output;
    }

    protected override Task<IMeshUnderTest> MeshAsync() => fixture.MeshAsync();
}
