using Grpc.Core;

namespace FbaMesh.DaprEmulator.Tests.Support;

internal static class Errors
{
    /// <summary>The gRPC status under a DaprClient exception (DaprException wraps the RpcException).</summary>
    public static RpcException Rpc(Exception ex) =>
        ex as RpcException ?? ex.InnerException as RpcException ?? throw new InvalidOperationException($"No RpcException under {ex}");
}
