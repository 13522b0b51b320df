using System.Text.Json.Nodes;

namespace FbaMesh.CrystallizeEmulator.GraphQl;

/// <summary>A value literal or variable reference as written in the query.</summary>
public abstract record GraphQlValue
{
    /// <summary>The value as JSON, with variables taken from the request.</summary>
    public abstract JsonNode? Resolve(IReadOnlyDictionary<string, JsonNode?> variables);
}

public sealed record GraphQlVariable(string Name) : GraphQlValue
{
    public override JsonNode? Resolve(IReadOnlyDictionary<string, JsonNode?> variables) =>
        variables.TryGetValue(Name, out var value) ? value?.DeepClone() : null;
}

public sealed record GraphQlScalar(GraphQlTokenKind Kind, string Text) : GraphQlValue
{
    // GraphQL's number grammar is JSON's, so the literal is kept as written: no overflow, no rounding.
    public override JsonNode? Resolve(IReadOnlyDictionary<string, JsonNode?> variables) =>
        Kind is GraphQlTokenKind.Int or GraphQlTokenKind.Float ? JsonNode.Parse(Text) : JsonValue.Create(Text);
}

/// <summary><c>true</c>, <c>false</c>, <c>null</c> or an enum value.</summary>
public sealed record GraphQlKeyword(string Text) : GraphQlValue
{
    public override JsonNode? Resolve(IReadOnlyDictionary<string, JsonNode?> variables) => Text switch
    {
        "true" => JsonValue.Create(true),
        "false" => JsonValue.Create(false),
        "null" => null,
        _ => JsonValue.Create(Text),
    };
}

public sealed record GraphQlList(IReadOnlyList<GraphQlValue> Items) : GraphQlValue
{
    public override JsonNode? Resolve(IReadOnlyDictionary<string, JsonNode?> variables) =>
        new JsonArray([.. Items.Select(item => item.Resolve(variables))]);
}

public sealed record GraphQlObject(IReadOnlyList<KeyValuePair<string, GraphQlValue>> Fields) : GraphQlValue
{
    public override JsonNode? Resolve(IReadOnlyDictionary<string, JsonNode?> variables)
    {
        var result = new JsonObject();
        foreach (var (name, value) in Fields)
        {
            result[name] = value.Resolve(variables);
        }

        return result;
    }
}
