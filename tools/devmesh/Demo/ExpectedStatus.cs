using FbaMesh.CrystallizeEmulator.Orders;

namespace FbaMesh.DevMesh.Demo;

/// <summary>The order state an expected outcome reads as in the enricher's answer.</summary>
internal static class ExpectedStatus
{
    public static string StatusOf(this ExpectedOutcome expected) => expected.Outcome switch
    {
        ExpectedOutcome.Submit => OrderProgress.Submitted,
        ExpectedOutcome.Skip => OrderProgress.Skipped,
        _ => OrderProgress.Failed,
    };
}
