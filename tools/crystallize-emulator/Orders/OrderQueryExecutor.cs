using System.Text.Json;
using System.Text.Json.Nodes;
using FbaMesh.CrystallizeEmulator.GraphQl;

namespace FbaMesh.CrystallizeEmulator.Orders;

/// <summary>
/// Runs a valid <see cref="OrderQuery"/>: answers exactly the selected fields, under their aliases,
/// in the order asked, from the stored order JSON. A field the order lacks answers null.
/// </summary>
public sealed class OrderQueryExecutor
{
    private readonly IReadOnlyDictionary<string, GraphQlFragment> _fragments;
    private readonly IReadOnlyDictionary<string, JsonNode?> _variables;
    private readonly Func<string, JsonElement?> _read;
    private readonly List<GraphQlError> _errors = [];

    private OrderQueryExecutor(OrderQuery query, Func<string, JsonElement?> read)
    {
        _fragments = query.Document!.Fragments;
        _variables = query.Variables;
        _read = read;
    }

    /// <summary>The GraphQL response: <c>{"data": …}</c>, with <c>errors</c> for orders not found.</summary>
    public static JsonObject Execute(OrderQuery query, Func<string, JsonElement?> read)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!query.IsValid)
        {
            return GraphQlError.Response(query.Errors);
        }

        var executor = new OrderQueryExecutor(query, read);
        var data = executor.ExecuteObject(OrderSchema.GetType(OrderSchema.QueryType), [query.Operation!.SelectionSet], null, []);
        var response = new JsonObject { ["data"] = data };
        if (executor._errors.Count > 0)
        {
            response["errors"] = GraphQlError.Response(executor._errors)["errors"]!.DeepClone();
        }

        return response;
    }

    internal static IReadOnlyList<string> RequestedIds(
        GraphQlDocument document, GraphQlOperation operation, IReadOnlyDictionary<string, JsonNode?> variables)
    {
        var roots = FieldCollector.Collect(OrderSchema.QueryType, [operation.SelectionSet], document.Fragments);
        var queries = roots.Values.SelectMany(g => g).Where(f => f.SelectionSet is not null).Select(f => f.SelectionSet!);
        return FieldCollector.Collect(OrderSchema.OrderQueriesType, queries, document.Fragments).Values
            .SelectMany(g => g)
            .Where(f => f.Name == "get")
            .Select(f => IdOf(f, variables))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private static string IdOf(GraphQlField get, IReadOnlyDictionary<string, JsonNode?> variables)
    {
        var value = get.Arguments.First(a => a.Name == "id").Value.Resolve(variables);
        return value?.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value?.ToJsonString() ?? string.Empty;
    }

    private JsonObject ExecuteObject(SchemaType type, List<IReadOnlyList<GraphQlSelection>> selectionSets, JsonElement? source, List<string> path)
    {
        var result = new JsonObject();
        foreach (var (key, fields) in FieldCollector.Collect(type.Name, selectionSets, _fragments))
        {
            var field = fields[0];
            if (field.Name == "__typename")
            {
                result[key] = type.Name;
                continue;
            }

            var schemaField = type.Fields[field.Name];
            var children = fields.Where(f => f.SelectionSet is not null).Select(f => f.SelectionSet!).ToList();
            List<string> fieldPath = [.. path, key];
            result[key] = type.Name switch
            {
                OrderSchema.QueryType => ExecuteObject(OrderSchema.GetType(schemaField.Type), children, null, fieldPath),
                OrderSchema.OrderQueriesType => GetOrder(field, children, fieldPath),
                _ => Complete(schemaField, source is { } s && s.TryGetProperty(field.Name, out var raw) ? raw : null, children, fieldPath),
            };
        }

        return result;
    }

    private JsonObject? GetOrder(GraphQlField get, List<IReadOnlyList<GraphQlSelection>> children, List<string> path)
    {
        var id = IdOf(get, _variables);
        if (_read(id) is { } order)
        {
            return ExecuteObject(OrderSchema.GetType("Order"), children, order, path);
        }

        _errors.Add(new($"Order with id \"{id}\" was not found.", GraphQlError.NotFound, get.Location, path));
        return null;
    }

    private JsonNode? Complete(SchemaField field, JsonElement? raw, List<IReadOnlyList<GraphQlSelection>> children, List<string> path)
    {
        if (raw is not { } value || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }

        if (field.IsList)
        {
            var items = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [value];
            return new JsonArray([.. items.Select((item, index) => CompleteItem(field, item, children, [.. path, index.ToString(System.Globalization.CultureInfo.InvariantCulture)]))]);
        }

        return CompleteItem(field, value, children, path);
    }

    private JsonNode? CompleteItem(SchemaField field, JsonElement value, List<IReadOnlyList<GraphQlSelection>> children, List<string> path)
    {
        if (OrderSchema.IsScalar(field.Type))
        {
            return value.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? null : JsonValue.Create(value);
        }

        return value.ValueKind == JsonValueKind.Object
            ? ExecuteObject(OrderSchema.GetType(field.Type), children, value, path)
            : null;
    }
}
