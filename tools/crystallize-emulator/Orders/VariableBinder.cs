using System.Text.Json;
using System.Text.Json.Nodes;
using FbaMesh.CrystallizeEmulator.GraphQl;

namespace FbaMesh.CrystallizeEmulator.Orders;

/// <summary>Coerces the request's <c>variables</c> to the operation's declared variable types.</summary>
public static class VariableBinder
{
    public static IReadOnlyDictionary<string, JsonNode?> Bind(
        GraphQlOperation operation, JsonObject? provided, List<GraphQlError> errors)
    {
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var definition in operation.Variables)
        {
            var name = $"Variable \"${definition.Name}\"";
            if (provided is not null && provided.TryGetPropertyValue(definition.Name, out var value))
            {
                if (Coerce(value, definition.Type) is { } problem)
                {
                    errors.Add(new($"{name} got invalid value {Show(value)}; {problem}", GraphQlError.BadUserInput, definition.Location));
                }
                else
                {
                    values[definition.Name] = Normalize(value, definition.Type);
                }
            }
            else if (definition.DefaultValue is not null)
            {
                values[definition.Name] = definition.DefaultValue.Resolve(values);
            }
            else if (definition.Type.NonNull)
            {
                errors.Add(new($"{name} of required type \"{definition.Type}\" was not provided.", GraphQlError.BadUserInput, definition.Location));
            }
        }

        return values;
    }

    private static string? Coerce(JsonNode? value, GraphQlTypeReference type)
    {
        if (value is null)
        {
            return type.NonNull ? $"Expected non-nullable type \"{type}\" not to be null." : null;
        }

        if (type.ItemType is not null)
        {
            return value is JsonArray items
                ? items.Select(item => Coerce(item, type.ItemType)).FirstOrDefault(problem => problem is not null)
                : Coerce(value, type.ItemType);
        }

        var kind = value.GetValueKind();
        var ok = type.Name switch
        {
            "ID" => kind == JsonValueKind.String || (kind == JsonValueKind.Number && IsInteger(value)),
            "String" or "DateTime" => kind == JsonValueKind.String,
            "Int" => kind == JsonValueKind.Number && IsInteger(value),
            "Float" => kind == JsonValueKind.Number,
            "Boolean" => kind is JsonValueKind.True or JsonValueKind.False,
            _ => false,
        };
        return ok ? null : $"{type.Name} cannot represent value: {Show(value)}";
    }

    // IDs are strings in responses even when a client sends them as integers.
    private static JsonNode? Normalize(JsonNode? value, GraphQlTypeReference type) =>
        type.Name == "ID" && value?.GetValueKind() == JsonValueKind.Number
            ? JsonValue.Create(value.ToJsonString())
            : value?.DeepClone();

    private static bool IsInteger(JsonNode value) => value.AsValue().TryGetValue<long>(out _);

    private static string Show(JsonNode? value)
    {
        var text = value?.ToJsonString() ?? "null";
        return text.Length > 60 ? string.Concat(text.AsSpan(0, 60), "…") : text;
    }
}
