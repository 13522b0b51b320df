namespace FbaMesh.CrystallizeEmulator.GraphQl;

/// <summary>The query text is not GraphQL, or uses GraphQL the emulator does not implement.</summary>
public sealed class GraphQlSyntaxException : Exception
{
    public GraphQlSyntaxException()
    {
    }

    public GraphQlSyntaxException(string message)
        : base(message)
    {
    }

    public GraphQlSyntaxException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public GraphQlSyntaxException(string message, GraphQlLocation location)
        : base(message) => Location = location;

    public GraphQlLocation? Location { get; }
}
