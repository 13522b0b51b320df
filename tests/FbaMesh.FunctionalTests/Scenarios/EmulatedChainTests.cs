using FbaMesh.FunctionalTests.Mesh;
using Xunit;
using Xunit.Abstractions;

namespace FbaMesh.FunctionalTests.Scenarios;

/// <summary>The scenarios on devmesh: emulated sidecars, always runnable on a plain machine.</summary>
public sealed class EmulatedChainTests(EmulatedMeshFixture fixture, ITestOutputHelper output) : ChainScenarios(output), IClassFixture<EmulatedMeshFixture>
{
    protected override Task<IMeshUnderTest> MeshAsync() => fixture.MeshAsync();
}
