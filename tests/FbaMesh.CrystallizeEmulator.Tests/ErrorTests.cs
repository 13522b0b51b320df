using System.Net;

namespace FbaMesh.CrystallizeEmulator.Tests;

public sealed class ErrorTests
{
    private const string Query = "query Q($id: ID!) { order { get(id: $id) { id } } }";

    [Fact]
    public async Task Unknown_id_answers_null_with_a_not_found_error_and_status_200()
    {
        await using var emulator = await Emulator.StartAsync();

        var (status, body) = await emulator.QueryAsync(Query, new { id = Orders.OtherId });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"order":{"get":null}}""", body["data"]!.ToJsonString());
        var error = body["errors"]![0]!;
        Assert.Contains(Orders.OtherId, error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("""["order","get"]""", error["path"]!.ToJsonString());
        Assert.Equal("NOT_FOUND", error["extensions"]!["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{ order { get(id: \"x\") { id } }", "Error parsing query: Expected Name, found EOF")]
    [InlineData("{ order { get(id: \"x) { id } } }", "Error parsing query: Unterminated string.")]
    [InlineData("{ order { get(id: 01) { id } } }", "Error parsing query: Invalid number, unexpected digit after 0")]
    [InlineData("{ order { get(id: \"x\") { id } } } }", "Error parsing query: Unexpected }")]
    [InlineData("{ order { get(id: \"x\") { ; } } }", "Error parsing query: Unexpected character")]
    [InlineData("", "Document does not contain any operations.")]
    public async Task A_malformed_query_answers_200_with_a_parse_error_and_no_data(string query, string message)
    {
        await using var emulator = await Emulator.StartAsync();

        var (status, body) = await emulator.QueryAsync(query);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(body["data"]);
        Assert.StartsWith(message, body["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("GRAPHQL_PARSE_FAILED", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{ order { get(id: \"x\") { id shoeSize } } }", "Cannot query field 'shoeSize' on type 'Order'.")]
    [InlineData("{ order { get(id: \"x\") { customer } } }", "Field customer of type Customer must have a sub selection")]
    [InlineData("{ order { get(id: \"x\") { id { value } } } }", "Field id of type ID must not have a sub selection")]
    [InlineData("{ order { get(id: \"x\", version: 2) { id } } }", "Unknown argument 'version' on field 'get' of type 'OrderQueries'.")]
    [InlineData("{ order { get { id } } }", "Argument 'id' of type 'ID!' is required for field 'get' but not provided.")]
    [InlineData("{ order { get(id: $nope) { id } } }", "Variable '$nope' is not defined.")]
    [InlineData("query Q($id: String!) { order { get(id: $id) { id } } }", "Variable '$id' of type 'String!' used in position expecting type 'ID!'.")]
    [InlineData("mutation { order { get(id: \"x\") { id } } }", "Schema is not configured for mutations")]
    [InlineData("{ order { get(id: \"x\") { ...F } } } fragment F on Order { ...F }", "Cannot spread fragment 'F' within itself.")]
    [InlineData("{ order { get(id: \"x\") { ...Missing } } }", "Unknown fragment 'Missing'.")]
    [InlineData("{ order { get(id: \"x\") { ... on Customer { email } } } }", "Fragment cannot be spread here as objects of type 'Order' can never be of type 'Customer'.")]
    [InlineData("{ order { get(id: \"x\") { a: id a: createdAt } } }", "Fields a conflicts because id and createdAt are different fields. Use different aliases on the fields to fetch both if this was intentional.")]
    public async Task A_query_outside_the_schema_answers_200_with_a_validation_error(string query, string message)
    {
        await using var emulator = await Emulator.StartAsync();
        emulator.Put(Orders.Id, Orders.Sample);

        var (status, body) = await emulator.QueryAsync(query);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(body["data"]);
        var error = Assert.Single(body["errors"]!.AsArray(), e => e!["message"]!.GetValue<string>() == message)!;
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", error["extensions"]!["code"]!.GetValue<string>());
        Assert.Empty(emulator.App.Orders.Writes(Orders.Id)!);
    }

    [Fact]
    public async Task Every_problem_is_reported_with_where_it_is()
    {
        await using var emulator = await Emulator.StartAsync();

        var (_, body) = await emulator.QueryAsync("{ order {\n  get(id: \"x\") { id foo customer { bar } } } }");

        var errors = body["errors"]!.AsArray();
        Assert.Equal(2, errors.Count);
        Assert.Equal("""[{"line":2,"column":21}]""", errors[0]!["locations"]!.ToJsonString());
    }

    [Fact]
    public async Task Missing_or_wrongly_typed_variables_are_errors()
    {
        await using var emulator = await Emulator.StartAsync();

        var (_, missing) = await emulator.QueryAsync(Query);
        var (_, wrong) = await emulator.QueryAsync(Query, new { id = true });
        var (_, nullId) = await emulator.QueryAsync(Query, new Dictionary<string, object?> { ["id"] = null });

        Assert.Equal("Variable '$id' is invalid. No value provided for a non-null variable.", missing["errors"]![0]!["message"]!.GetValue<string>());
        Assert.StartsWith("Variable '$id' is invalid. Unable to convert 'True' to 'ID'", wrong["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("null input for a non-null variable", nullId["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All([missing, wrong, nullId], body => Assert.Equal("BAD_USER_INPUT", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>()));
        Assert.All([missing, wrong, nullId], body => Assert.Null(body["data"]));
    }

    [Fact]
    public async Task Several_operations_need_an_operation_name()
    {
        await using var emulator = await Emulator.StartAsync();
        emulator.Put(Orders.Id, Orders.Sample);
        var document = $$"""query A { order { get(id: "{{Orders.Id}}") { id } } } query B { order { get(id: "{{Orders.Id}}") { createdAt } } }""";

        var (_, none) = await emulator.QueryAsync(document);
        var (_, unknown) = await emulator.QueryAsync(document, operationName: "C");
        var (_, chosen) = await emulator.QueryAsync(document, operationName: "B");

        Assert.Equal("Document contains more than one operation, but the operation name was not specified.", none["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Contains("'C'", unknown["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All([none, unknown], body => Assert.Equal("BAD_USER_INPUT", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>()));
        Assert.Equal("""{"createdAt":"2026-11-02T09:15:22.000Z"}""", chosen["data"]!["order"]!["get"]!.ToJsonString());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"variables\":{}}")]
    [InlineData("{\"query\":\"{ order { get(id: 1) { id } } }\",\"variables\":[1]}")]
    [InlineData("{\"query\":\"{ order { get(id: 1) { id } } }\",\"operationName\":5}")]
    public async Task A_body_that_is_not_a_GraphQL_request_answers_400(string body)
    {
        await using var emulator = await Emulator.StartAsync();

        var (status, answer) = await emulator.SendRawAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(answer["errors"]);
    }

    [Fact]
    public async Task Another_tenant_answers_404()
    {
        await using var emulator = await Emulator.StartAsync();

        var (status, _) = await emulator.QueryAsync(Query, new { id = Orders.Id }, path: new Uri(emulator.App.BaseAddress, "someone-else/orders").ToString());

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task Deep_nesting_is_refused_without_harm()
    {
        await using var emulator = await Emulator.StartAsync();
        var query = string.Concat(Enumerable.Repeat("{ order ", 5000)) + string.Concat(Enumerable.Repeat("}", 5000));

        var (status, body) = await emulator.QueryAsync(query);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("nests deeper", body["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("GRAPHQL_PARSE_FAILED", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_huge_integer_id_is_just_an_unknown_order()
    {
        await using var emulator = await Emulator.StartAsync();
        var digits = new string('9', 400);

        var (status, body) = await emulator.QueryAsync($"{{ order {{ get(id: {digits}) {{ id }} }} }}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("NOT_FOUND", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }
}
