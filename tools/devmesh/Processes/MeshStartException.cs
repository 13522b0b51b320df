namespace FbaMesh.DevMesh.Processes;

/// <summary>The mesh could not start: the message says which part and why, for the developer to act on.</summary>
public sealed class MeshStartException : Exception
{
    public MeshStartException()
    {
    }

    public MeshStartException(string message)
        : base(message)
    {
    }

    public MeshStartException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
