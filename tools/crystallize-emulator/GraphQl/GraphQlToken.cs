namespace FbaMesh.CrystallizeEmulator.GraphQl;

public enum GraphQlTokenKind
{
    EndOfFile,
    Punctuator,
    Name,
    Int,
    Float,
    String,
}

/// <summary>One lexical token with where it starts, so errors can point at the query text.</summary>
public readonly record struct GraphQlToken(GraphQlTokenKind Kind, string Text, GraphQlLocation Location)
{
    public bool Is(string punctuator) => Kind == GraphQlTokenKind.Punctuator && Text == punctuator;

    public bool IsName(string name) => Kind == GraphQlTokenKind.Name && Text == name;

    public string Describe() => Kind switch
    {
        GraphQlTokenKind.EndOfFile => "<EOF>",
        GraphQlTokenKind.Punctuator => $"\"{Text}\"",
        GraphQlTokenKind.Name => $"Name \"{Text}\"",
        GraphQlTokenKind.String => "String",
        _ => $"{Kind} \"{Text}\"",
    };
}

public readonly record struct GraphQlLocation(int Line, int Column);
