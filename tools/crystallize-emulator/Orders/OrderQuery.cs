using System.Text.Json.Nodes;
using FbaMesh.CrystallizeEmulator.GraphQl;

namespace FbaMesh.CrystallizeEmulator.Orders;

/// <summary>
/// A request's query, parsed, validated and bound to its variables, ready to run against the
/// store. When anything is wrong, <see cref="Errors"/> holds the GraphQL errors and nothing runs.
/// </summary>
public sealed class OrderQuery
{
    private OrderQuery(IReadOnlyList<GraphQlError> errors, string? operationName) =>
        (Errors, OperationName) = (errors, operationName);

    public IReadOnlyList<GraphQlError> Errors { get; }

    /// <summary>The operation's name as the query or the request named it (for the request log).</summary>
    public string? OperationName { get; }

    public GraphQlDocument? Document { get; private init; }

    public GraphQlOperation? Operation { get; private init; }

    public IReadOnlyDictionary<string, JsonNode?> Variables { get; private init; } = new Dictionary<string, JsonNode?>();

    /// <summary>The order ids the query asks for (empty when it is invalid).</summary>
    public IReadOnlyList<string> OrderIds { get; private init; } = [];

    public bool IsValid => Errors.Count == 0;

    public static OrderQuery Prepare(string query, string? operationName, JsonObject? variables)
    {
        GraphQlDocument document;
        try
        {
            document = GraphQlParser.Parse(query);
        }
        catch (GraphQlSyntaxException e)
        {
            return new([new GraphQlError(e.Message, GraphQlError.ParseFailed, e.Location)], operationName);
        }

        var errors = new List<GraphQlError>(OrderQueryValidator.Validate(document));
        var operation = Choose(document, operationName, errors);
        if (errors.Count > 0 || operation is null)
        {
            return new(errors, operationName ?? operation?.Name);
        }

        var values = VariableBinder.Bind(operation, variables, errors);
        return new(errors, operation.Name)
        {
            Document = document,
            Operation = operation,
            Variables = values,
            OrderIds = errors.Count == 0 ? OrderQueryExecutor.RequestedIds(document, operation, values) : [],
        };
    }

    private static GraphQlOperation? Choose(GraphQlDocument document, string? operationName, List<GraphQlError> errors)
    {
        if (operationName is not null)
        {
            var named = document.Operations.FirstOrDefault(o => o.Name == operationName);
            if (named is null)
            {
                errors.Add(new($"Unknown operation named \"{operationName}\".", GraphQlError.BadUserInput));
            }

            return named;
        }

        if (document.Operations.Count > 1)
        {
            errors.Add(new("Must provide operation name if query contains multiple operations.", GraphQlError.BadUserInput));
            return null;
        }

        return document.Operations[0];
    }
}
