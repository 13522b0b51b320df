namespace FbaMesh.DevMesh;

public enum MeshStartStage
{
    Starting,
    Ready,
    Failed,
}

/// <summary>One step of starting the mesh (an emulator, the sidecars, a service) changed stage.</summary>
public sealed record MeshStartProgress(string Part, MeshStartStage Stage, string? Detail = null);
