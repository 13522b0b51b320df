using System.Net;
using FbaMesh.CrystallizeEmulator.Api;

namespace FbaMesh.CrystallizeEmulator.Tests;

/// <summary>
/// The emulator keeps a query's parsed, validated document for its next request: answers must be the same
/// as from a fresh parse, variables are still checked on every request, and a query that fails parsing or
/// validation is never kept. Each test uses query texts of its own (a unique comment line), since the
/// documents are shared by the whole process.
/// </summary>
public sealed class ValidatedDocumentTests
{
    [Fact]
    public async Task A_repeated_query_answers_exactly_as_its_first_fresh_parse_did()
    {
        await using var emulator = await Emulator.StartAsync();
        emulator.Put(Orders.Id, Orders.Sample);
        var query = UniqueQuery("query Q($id: ID!) { order { get(id: $id) { id createdAt total { gross currency } } } }");

        var (firstStatus, first) = await emulator.QueryAsync(query, new { id = Orders.Id });
        Assert.True(IsKept(query));
        var (againStatus, again) = await emulator.QueryAsync(query, new { id = Orders.Id });
        var (otherStatus, other) = await emulator.QueryAsync(query, new { id = Orders.OtherId });

        Assert.Equal(HttpStatusCode.OK, firstStatus);
        Assert.Null(first["errors"]);
        Assert.Equal(firstStatus, againStatus);
        Assert.Equal(first.ToJsonString(), again.ToJsonString());
        // The kept document runs with each request's own variables.
        Assert.Equal(HttpStatusCode.OK, otherStatus);
        Assert.Equal("NOT_FOUND", other["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Wrong_variables_are_refused_the_same_way_whether_or_not_the_document_is_kept()
    {
        await using var emulator = await Emulator.StartAsync();
        emulator.Put(Orders.Id, Orders.Sample);
        var query = UniqueQuery("query Q($id: ID!) { order { get(id: $id) { id } } }");

        var (freshStatus, fresh) = await emulator.QueryAsync(query, new { id = new { nested = 1 } });
        Assert.False(IsKept(query));
        await emulator.QueryAsync(query, new { id = Orders.Id });
        Assert.True(IsKept(query));
        var (keptStatus, kept) = await emulator.QueryAsync(query, new { id = new { nested = 1 } });
        var (missingStatus, missing) = await emulator.QueryAsync(query);

        Assert.Equal(HttpStatusCode.OK, freshStatus);
        Assert.Null(fresh["data"]);
        Assert.Equal(freshStatus, keptStatus);
        Assert.Equal(fresh["errors"]!.ToJsonString(), kept["errors"]!.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, missingStatus);
        Assert.Null(missing["data"]);
        Assert.Contains("$id", missing["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ order { get(id: \"x\") { id shoeSize } } }", "GRAPHQL_VALIDATION_FAILED")]
    [InlineData("{ order { get(id: \"x\") { id } }", "GRAPHQL_PARSE_FAILED")]
    public async Task A_query_that_fails_is_never_kept_and_fails_again(string body, string code)
    {
        await using var emulator = await Emulator.StartAsync();
        var query = UniqueQuery(body);

        for (var i = 0; i < 3; i++)
        {
            var (status, answer) = await emulator.QueryAsync(query);

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Null(answer["data"]);
            Assert.Equal(code, answer["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
            Assert.False(IsKept(query));
        }
    }

    [Fact]
    public async Task One_query_text_under_two_operation_names_is_kept_per_operation()
    {
        await using var emulator = await Emulator.StartAsync();
        emulator.Put(Orders.Id, Orders.Sample);
        var query = UniqueQuery("query A { order { get(id: \"" + Orders.Id + "\") { id } } } query B { order { get(id: \"" + Orders.Id + "\") { createdAt } } }");

        var (_, a) = await emulator.QueryAsync(query, operationName: "A");
        var (_, b) = await emulator.QueryAsync(query, operationName: "B");
        var (_, aAgain) = await emulator.QueryAsync(query, operationName: "A");

        Assert.Equal(Orders.Id, a["data"]!["order"]!["get"]!["id"]!.GetValue<string>());
        Assert.Null(a["data"]!["order"]!["get"]!["createdAt"]);
        Assert.NotNull(b["data"]!["order"]!["get"]!["createdAt"]);
        Assert.Null(b["data"]!["order"]!["get"]!["id"]);
        Assert.Equal(a.ToJsonString(), aAgain.ToJsonString());
    }

    /// <summary>The same query behind a comment no other test uses, so this test sees its own document only.</summary>
    private static string UniqueQuery(string query) =>
        "# " + Guid.NewGuid().ToString("N") + "\n" + query;

    private static bool IsKept(string query) => GraphQlRunner.Documents.Contains(query);
}
