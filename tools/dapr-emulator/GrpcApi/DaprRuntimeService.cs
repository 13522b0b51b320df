namespace FbaMesh.DaprEmulator.GrpcApi;

/// <summary>
/// The service type that Grpc.AspNetCore binds dapr.proto.runtime.v1.Dapr methods to. Dapr.Protos has the
/// messages and a client but no server base, so the methods are bound by name in
/// <see cref="DaprRuntimeMethods"/>; an instance only carries the sidecar it serves.
/// </summary>
internal sealed class DaprRuntimeService(EmulatedSidecar sidecar)
{
    public const string ServiceName = "dapr.proto.runtime.v1.Dapr";

    public EmulatedSidecar Sidecar { get; } = sidecar;
}
