namespace FbaMesh.DevMesh.Hosting;

public enum ServiceEventKind
{
    Exited,
    Restarted,
}

/// <summary>A supervised service exited on its own (with the pause before the next start; null: no restart coming), or is back.</summary>
public sealed record ServiceEvent(string AppId, ServiceEventKind Kind, int? ExitCode, TimeSpan? Pause);
