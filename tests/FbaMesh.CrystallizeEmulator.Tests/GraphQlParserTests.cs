using FbaMesh.CrystallizeEmulator.GraphQl;

namespace FbaMesh.CrystallizeEmulator.Tests;

public sealed class GraphQlParserTests
{
    [Fact]
    public void Parses_the_seed_query_shape_with_variables_aliases_and_arguments()
    {
        var document = GraphQlParser.Parse("""
            # a comment, and commas are white space
            query GET_CREATED_ORDER_DETAILS($id: ID!, $ids: [ID!] = ["a", "b"]) {
              order { one: get(id: $id) { id, customer { email } } }
            }
            """);

        var operation = Assert.Single(document.Operations);
        Assert.Equal(("query", "GET_CREATED_ORDER_DETAILS"), (operation.Kind, operation.Name));
        Assert.Equal(["ID!", "[ID!]"], operation.Variables.Select(v => v.Type.ToString()));
        Assert.IsType<GraphQlList>(operation.Variables[1].DefaultValue);
        var order = Assert.IsType<GraphQlField>(Assert.Single(operation.SelectionSet));
        var get = Assert.IsType<GraphQlField>(Assert.Single(order.SelectionSet!));
        Assert.Equal(("one", "get", "one"), (get.Alias, get.Name, get.ResponseKey));
        Assert.Equal(new GraphQlVariable("id"), Assert.Single(get.Arguments).Value);
        Assert.Equal(new GraphQlLocation(3, 3), order.Location);
    }

    [Fact]
    public void Parses_fragments_inline_fragments_and_every_kind_of_literal()
    {
        var document = GraphQlParser.Parse("""
            { order { get(id: "\u00e6\"\\\n", n: -12, f: 1.5e3, b: true, z: null, e: RED, o: {k: [1 2]}) { ...F ... on Order { id } } } }
            fragment F on Order { createdAt }
            """);

        var get = (GraphQlField)((GraphQlField)document.Operations[0].SelectionSet[0]).SelectionSet![0];
        var values = get.Arguments.Select(a => a.Value.Resolve(new Dictionary<string, System.Text.Json.Nodes.JsonNode?>())).ToList();
        Assert.Equal("æ\"\\\n", values[0]!.GetValue<string>());
        Assert.Equal(["-12", "1.5e3", "true", "null", "\"RED\"", "{\"k\":[1,2]}"], values.Skip(1).Select(v => v?.ToJsonString() ?? "null"));
        Assert.IsType<GraphQlFragmentSpread>(get.SelectionSet![0]);
        Assert.Equal("Order", Assert.IsType<GraphQlInlineFragment>(get.SelectionSet[1]).TypeCondition);
        Assert.Equal("Order", document.Fragments["F"].TypeCondition);
    }

    [Theory]
    [InlineData("{ a(x: \"\"\"block\"\"\") }", "Block strings are not supported by the Crystallize emulator; use a variable.")]
    [InlineData("{ a(x: \"\\q\") }", "Syntax Error: Invalid character escape sequence.")]
    [InlineData("{ a(x: 1.) }", "Syntax Error: Invalid number, expected digit.")]
    [InlineData("{ a(x: 12abc) }", "Syntax Error: Invalid number.")]
    [InlineData("{ a.b }", "Syntax Error: Unexpected \".\".")]
    [InlineData("type Order { id: ID }", "Syntax Error: Unexpected Name \"type\".")]
    [InlineData("fragment on on Order { id }", "Syntax Error: Unexpected Name \"on\".")]
    [InlineData("fragment F on Order { id } fragment F on Order { id }", "There can be only one fragment named \"F\".")]
    [InlineData("{ }", "Syntax Error: Expected Name, found \"}\".")]
    [InlineData("query Q($id ID) { a }", "Syntax Error: Expected \":\", found Name \"ID\".")]
    [InlineData("{ a(x: $v) }", null)]
    public void Refuses_what_is_not_GraphQL_or_not_in_the_subset(string source, string? message)
    {
        if (message is null)
        {
            Assert.Single(GraphQlParser.Parse(source).Operations);
            return;
        }

        var error = Assert.Throws<GraphQlSyntaxException>(() => GraphQlParser.Parse(source));
        Assert.Equal(message, error.Message);
        Assert.NotNull(error.Location);
    }

    [Fact]
    public void Variables_are_not_allowed_in_default_values()
    {
        var error = Assert.Throws<GraphQlSyntaxException>(() => GraphQlParser.Parse("query Q($a: ID = $b) { x }"));

        Assert.Equal("Syntax Error: Unexpected \"$\".", error.Message);
    }
}
