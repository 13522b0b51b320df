namespace FbaMesh.CrystallizeEmulator.GraphQl;

/// <summary>A parsed query document: its operations and named fragments.</summary>
public sealed record GraphQlDocument(
    IReadOnlyList<GraphQlOperation> Operations,
    IReadOnlyDictionary<string, GraphQlFragment> Fragments);

public sealed record GraphQlOperation(
    string Kind,
    string? Name,
    IReadOnlyList<GraphQlVariableDefinition> Variables,
    IReadOnlyList<GraphQlSelection> SelectionSet,
    GraphQlLocation Location);

public sealed record GraphQlVariableDefinition(
    string Name,
    GraphQlTypeReference Type,
    GraphQlValue? DefaultValue,
    GraphQlLocation Location);

/// <summary>A type as written in a variable definition: <c>ID</c>, <c>[ID]</c>, <c>ID!</c>.</summary>
public sealed record GraphQlTypeReference(string? Name, GraphQlTypeReference? ItemType, bool NonNull)
{
    public override string ToString() =>
        (Name ?? $"[{ItemType}]") + (NonNull ? "!" : string.Empty);
}

public sealed record GraphQlFragment(
    string Name,
    string TypeCondition,
    IReadOnlyList<GraphQlSelection> SelectionSet,
    GraphQlLocation Location);

public abstract record GraphQlSelection(GraphQlLocation Location);

public sealed record GraphQlField(
    string? Alias,
    string Name,
    IReadOnlyList<GraphQlArgument> Arguments,
    IReadOnlyList<GraphQlSelection>? SelectionSet,
    GraphQlLocation Location) : GraphQlSelection(Location)
{
    /// <summary>The key the field's value has in the response.</summary>
    public string ResponseKey => Alias ?? Name;
}

public sealed record GraphQlFragmentSpread(string Name, GraphQlLocation Location) : GraphQlSelection(Location);

public sealed record GraphQlInlineFragment(
    string? TypeCondition,
    IReadOnlyList<GraphQlSelection> SelectionSet,
    GraphQlLocation Location) : GraphQlSelection(Location);

public sealed record GraphQlArgument(string Name, GraphQlValue Value, GraphQlLocation Location);
