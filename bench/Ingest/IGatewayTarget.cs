namespace FbaMesh.Bench.Ingest;

/// <summary>A gateway to load: in this process, or the devmesh child process (its own process, GC and logs).</summary>
public interface IGatewayTarget : IAsyncDisposable
{
    Uri Url { get; }

    int SidecarGrpcPort { get; }

    /// <summary>The dapr-api-token its sidecar demands, if any.</summary>
    string? SidecarApiToken { get; }

    int Published { get; }
}
