using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace FbaMesh.CrystallizeEmulator.Api;

/// <summary>
/// The order ids a request names (<c>id</c> / <c>orderId</c> arguments, literal or variable), found
/// before it runs so an injected fault can target one order and the request log can say which.
/// A query that does not parse names none; the GraphQL engine then reports why.
/// </summary>
internal static class OrderIdScan
{
    private static readonly HashSet<string> IdArguments = new(StringComparer.Ordinal) { "id", "orderId" };

    public static IReadOnlyList<string> Find(string query, JsonObject? variables)
    {
        GraphQLDocument document;
        try
        {
            document = Parser.Parse(query, new ParserOptions { Ignore = IgnoreOptions.All, MaxDepth = 64 });
        }
        catch (GraphQLParserException)
        {
            return [];
        }

        var ids = new List<string>();
        foreach (var definition in document.Definitions)
        {
            var selections = definition switch
            {
                GraphQLOperationDefinition operation => operation.SelectionSet,
                GraphQLFragmentDefinition fragment => fragment.SelectionSet,
                _ => null,
            };
            Collect(selections, variables, ids);
        }

        return [.. ids.Distinct(StringComparer.Ordinal)];
    }

    private static void Collect(GraphQLSelectionSet? set, JsonObject? variables, List<string> ids)
    {
        foreach (var selection in set?.Selections ?? [])
        {
            switch (selection)
            {
                case GraphQLField field:
                    foreach (var argument in field.Arguments?.Items ?? [])
                    {
                        if (IdArguments.Contains(argument.Name.StringValue) && ValueOf(argument.Value, variables) is { } id)
                        {
                            ids.Add(id);
                        }
                    }

                    Collect(field.SelectionSet, variables, ids);
                    break;
                case GraphQLInlineFragment inline:
                    Collect(inline.SelectionSet, variables, ids);
                    break;
            }
        }
    }

    private static string? ValueOf(GraphQLValue value, JsonObject? variables) => value switch
    {
        GraphQLStringValue text => text.Value.ToString(),
        GraphQLIntValue number => number.Value.ToString(),
        GraphQLVariable variable when variables?[variable.Name.StringValue] is JsonValue given =>
            given.GetValueKind() == JsonValueKind.String ? given.GetValue<string>() : given.ToJsonString(),
        _ => null,
    };
}
