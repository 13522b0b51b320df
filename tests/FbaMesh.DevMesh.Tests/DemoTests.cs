using System.Text.Json.Nodes;
using FbaMesh.Testing;

namespace FbaMesh.DevMesh.Tests;

[Collection(MeshCollection.Name)]
public sealed class DemoTests
{
    [Fact]
    public async Task Demo_sends_every_sample_order_and_exits_zero_when_all_reach_their_expected_outcome()
    {
        var expected = JsonNode.Parse(await File.ReadAllTextAsync(
            RepositoryPaths.Combine("tools", "crystallize-emulator", "fixtures", "expected.json")))!.AsObject();

        await using var demo = DevMeshProcess.Start("demo");
        var code = await demo.WaitForExitAsync(TimeSpan.FromSeconds(240));

        Assert.True(code == 0, demo.Output);
        Assert.Contains($"All {expected.Count} sample orders reached their expected outcome.", demo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("MISMATCH", demo.Output, StringComparison.Ordinal);
        // Then Amazon ships every submitted order and the tracker writes its tracking back to Crystallize.
        Assert.Contains("each shows its tracking number in Crystallize, written once.", demo.Output, StringComparison.Ordinal);
    }
}
