using System.Globalization;
using System.Text.Json;

namespace FbaMesh.SpApiEmulator;

/// <summary>
/// Checks a JSON value against a Swagger 2.0 schema of Amazon's model: $ref, type, format (int32,
/// date-time), required, enum, minLength/maxLength, minimum/maximum, items and additionalProperties.
/// Unknown properties are ignored unless the schema says otherwise, as SP-API ignores them; a JSON
/// null counts as an absent property.
/// </summary>
internal sealed class SchemaValidator(OutboundModel model)
{
    /// <summary>Enough to explain a bad request without walking a huge one to the end.</summary>
    public const int MaxViolations = 20;

    public void Validate(JsonElement value, JsonElement schema, JsonPathTrail path, List<Violation> found)
    {
        if (found.Count >= MaxViolations)
        {
            return;
        }

        schema = Resolve(schema);
        var type = schema.TryGetProperty("type", out var t) ? t.GetString() : null;
        if (type is not null && !TypeMatches(value, type, schema, path, found))
        {
            return;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                ValidateObject(value, schema, path, found);
                break;
            case JsonValueKind.Array when schema.TryGetProperty("items", out var items):
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    path.Push(index++);
                    Validate(item, items, path, found);
                    path.Pop();
                }

                break;
            case JsonValueKind.String:
                ValidateString(value.GetString()!, schema, path, found);
                break;
            case JsonValueKind.Number:
                ValidateNumber(value, schema, path, found);
                break;
        }
    }

    public JsonElement Resolve(JsonElement schema)
    {
        // Swagger 2.0: a $ref replaces its siblings (they are only descriptions in Amazon's model).
        while (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!["#/definitions/".Length..];
            schema = model.Definitions.GetProperty(name);
        }

        return schema;
    }

    private void ValidateObject(JsonElement value, JsonElement schema, JsonPathTrail path, List<Violation> found)
    {
        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray())
            {
                var key = name.GetString()!;
                if (!value.TryGetProperty(key, out var present) || present.ValueKind == JsonValueKind.Null)
                {
                    found.Add(Violation.Missing(path.Child(key)));
                }
            }
        }

        var extra = schema.TryGetProperty("additionalProperties", out var a) ? a : default;
        foreach (var property in value.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            path.Push(property.Name);
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                Validate(property.Value, propertySchema, path, found);
            }
            else if (extra.ValueKind == JsonValueKind.Object)
            {
                Validate(property.Value, extra, path, found);
            }
            else if (extra.ValueKind == JsonValueKind.False)
            {
                found.Add(Violation.Invalid(path.ToString(), Shown(property.Value), "unknown property"));
            }

            path.Pop();
        }
    }

    private static bool TypeMatches(JsonElement value, string type, JsonElement schema, JsonPathTrail path, List<Violation> found)
    {
        var ok = type switch
        {
            "object" => value.ValueKind == JsonValueKind.Object,
            "array" => value.ValueKind == JsonValueKind.Array,
            "string" => value.ValueKind == JsonValueKind.String,
            "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "number" => value.ValueKind == JsonValueKind.Number,
            "integer" => value.ValueKind == JsonValueKind.Number && IsInteger(value, schema),
            _ => true,
        };
        if (!ok)
        {
            var format = type == "integer" && schema.TryGetProperty("format", out var f) ? $" ({f.GetString()})" : string.Empty;
            found.Add(Violation.Invalid(path.ToString(), Shown(value), $"must be of type {type}{format}"));
        }

        return ok;
    }

    private static bool IsInteger(JsonElement value, JsonElement schema) =>
        schema.TryGetProperty("format", out var format) && format.GetString() == "int32"
            ? value.TryGetInt32(out _)
            : value.TryGetInt64(out _);

    private static void ValidateString(string text, JsonElement schema, JsonPathTrail path, List<Violation> found)
    {
        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(e => e.GetString() == text))
        {
            var names = string.Join(", ", allowed.EnumerateArray().Select(e => e.GetString()));
            found.Add(Violation.Invalid(path.ToString(), Shown(text), $"must be one of [{names}]"));
        }

        if (schema.TryGetProperty("maxLength", out var max) && text.Length > max.GetInt32())
        {
            found.Add(Violation.Invalid(path.ToString(), Shown(text), $"is longer than the maximum length of {max.GetInt32()}"));
        }

        if (schema.TryGetProperty("minLength", out var min) && text.Length < min.GetInt32())
        {
            found.Add(Violation.Invalid(path.ToString(), Shown(text), $"is shorter than the minimum length of {min.GetInt32()}"));
        }

        if (schema.TryGetProperty("format", out var format) && format.GetString() == "date-time" && !Iso8601.TryParse(text, out _))
        {
            found.Add(Violation.Invalid(path.ToString(), Shown(text), "timestamp must follow ISO8601"));
        }
    }

    private static void ValidateNumber(JsonElement value, JsonElement schema, JsonPathTrail path, List<Violation> found)
    {
        var number = value.GetDouble();
        if (schema.TryGetProperty("minimum", out var min) && number < min.GetDouble())
        {
            found.Add(Violation.Invalid(path.ToString(), Shown(value), $"must be at least {min.GetRawText()}"));
        }

        if (schema.TryGetProperty("maximum", out var max) && number > max.GetDouble())
        {
            found.Add(Violation.Invalid(path.ToString(), Shown(value), $"must be at most {max.GetRawText()}"));
        }
    }

    internal static string Shown(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Shown(value.GetString()!),
        JsonValueKind.Object => "{...}",
        JsonValueKind.Array => "[...]",
        _ => value.GetRawText(),
    };

    // The caller's own value, cut short so an error never carries a whole address or comment back.
    internal static string Shown(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "...");

}
