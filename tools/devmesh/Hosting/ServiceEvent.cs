namespace FbaMesh.DevMesh.Hosting;

public enum ServiceEventKind
{
    Exited,
    Restarted,
}

/// <summary>A supervised service exited on its own (with the pause before the next start; null: no restart coming), or is back.</summary>
/// <param name="AppId">The instance: the app id, or app-id#N for a further replica.</param>
public sealed record ServiceEvent(string AppId, ServiceEventKind Kind, int? ExitCode, TimeSpan? Pause);
