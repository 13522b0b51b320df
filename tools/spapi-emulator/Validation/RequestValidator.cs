using System.Text.Json;

namespace FbaMesh.SpApiEmulator;

/// <summary>Everything a request must satisfy before it touches an order: the model's schemas and parameters, then the prose rules.</summary>
internal sealed class RequestValidator(OutboundModel model)
{
    private readonly SchemaValidator schemas = new(model);

    public List<Violation> Body(string operation, JsonElement body)
    {
        var found = new List<Violation>();
        this.schemas.Validate(body, model.BodySchemaOf(operation), new JsonPathTrail(), found);
        if (found.Count == 0 && body.ValueKind == JsonValueKind.Object)
        {
            switch (operation)
            {
                case Operations.Create:
                    BusinessRules.CheckCreate(body, found);
                    break;
                case Operations.Preview:
                    BusinessRules.CheckItems(body, found);
                    break;
            }
        }

        return found;
    }

    /// <summary>A path or query parameter against its own definition in the model (maxLength, date-time).</summary>
    public Violation? Parameter(string operation, string name, string? value)
    {
        var definition = model.ParameterOf(operation, name);
        if (value is null)
        {
            return definition.TryGetProperty("required", out var required) && required.GetBoolean() ? Violation.Missing(name) : null;
        }

        var found = new List<Violation>();
        var path = new JsonPathTrail();
        path.Push(name);
        this.schemas.Validate(JsonSerializer.SerializeToElement(value), definition, path, found);
        return found.FirstOrDefault();
    }
}
