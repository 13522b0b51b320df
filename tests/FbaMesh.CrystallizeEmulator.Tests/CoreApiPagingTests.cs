using System.Net;
using System.Text.Json.Nodes;

namespace FbaMesh.CrystallizeEmulator.Tests;

public sealed class CoreApiPagingTests
{
    private const string Page = """
        query Page($first: Int, $after: String, $filter: OrderFilterInput) {
          orders(first: $first, after: $after, filter: $filter) {
            ... on OrderConnection {
              pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
              edges { cursor node { id createdAt } }
            }
            ... on BasicError { errorName message }
          }
        }
        """;

    [Fact]
    public async Task Paging_with_a_small_page_reads_every_order_once_oldest_first()
    {
        await using var emulator = await Emulator.StartAsync(o => o.FixturesPath = CrystallizeEmulatorOptions.SampleFixturesPath);
        var expected = emulator.App.Orders.All().Select(o => o.Id).ToList();

        var pages = await PagesAsync(emulator, first: 3);

        Assert.Equal(14, expected.Count);
        Assert.Equal(expected, pages.SelectMany(Ids));
        Assert.Equal([3, 3, 3, 3, 2], pages.Select(p => Ids(p).Count));
        Assert.False(pages[0]["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
        Assert.All(pages.Skip(1), p => Assert.True(p["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>()));
        Assert.All(pages.SkipLast(1), p => Assert.True(p["pageInfo"]!["hasNextPage"]!.GetValue<bool>()));
        Assert.False(pages[^1]["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.All(pages, p => Assert.Equal(p["edges"]!.AsArray()[^1]!["cursor"]!.GetValue<string>(), p["pageInfo"]!["endCursor"]!.GetValue<string>()));
        var created = pages.SelectMany(p => p["edges"]!.AsArray()).Select(e => DateTimeOffset.Parse(e!["node"]!["createdAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(created.Order(), created);
    }

    [Fact]
    public async Task The_createdAt_filter_keeps_both_ends_and_the_customer_filter_one_customer()
    {
        await using var emulator = await Emulator.StartAsync(o => o.FixturesPath = CrystallizeEmulatorOptions.SampleFixturesPath);
        var all = emulator.App.Orders.All();
        var from = all[2].CreatedAt;
        var to = all[6].CreatedAt;
        var customer = emulator.App.Orders.Peek(all[4].Id)!["customer"]!["identifier"]!.GetValue<string>();

        var ranged = await PagesAsync(emulator, first: 2, new { createdAt = new { from = from.ToString("O"), to = to.ToString("O") } });
        var onlyFrom = await PagesAsync(emulator, first: 100, new { createdAt = new { from = to.ToString("O") } });
        var ofCustomer = await PagesAsync(emulator, first: 100, new { customer = new { identifier = customer } });

        Assert.Equal(all.Skip(2).Take(5).Select(o => o.Id), ranged.SelectMany(Ids));
        Assert.Equal(all.Skip(6).Select(o => o.Id), onlyFrom.SelectMany(Ids));
        Assert.Equal(
            all.Where(o => emulator.App.Orders.Peek(o.Id)!["customer"]?["identifier"]?.GetValue<string>() == customer).Select(o => o.Id),
            ofCustomer.SelectMany(Ids));
        Assert.Contains(all[4].Id, ofCustomer.SelectMany(Ids));
    }

    [Fact]
    public async Task An_order_created_while_paging_is_read_once_at_the_end()
    {
        await using var emulator = await Emulator.StartAsync(o => o.FixturesPath = CrystallizeEmulatorOptions.SampleFixturesPath);
        var (_, first) = await emulator.CoreAsync(Page, new { first = 5 });
        emulator.Put(Orders.Id, Orders.Sample.Replace("2026-11-02T09:15:22.000Z", "2030-01-01T00:00:00.000Z", StringComparison.Ordinal));
        var after = first["data"]!["orders"]!["pageInfo"]!["endCursor"]!.GetValue<string>();

        var rest = await PagesAsync(emulator, first: 5, after: after);

        var read = Ids(first["data"]!["orders"]!.AsObject()).Concat(rest.SelectMany(Ids)).ToList();
        Assert.Equal(15, read.Count);
        Assert.Equal(read.Count, read.Distinct().Count());
        Assert.Equal(Orders.Id, read[^1]);
    }

    [Fact]
    public async Task An_order_without_createdAt_is_listed_as_created_when_it_was_stored()
    {
        await using var emulator = await Emulator.StartAsync();
        emulator.Put(Orders.Id, $$"""{"id":"{{Orders.Id}}"}""");

        var (_, body) = await emulator.CoreAsync(Page, new { first = 10 });

        var node = body["data"]!["orders"]!["edges"]![0]!["node"]!;
        Assert.Equal(Orders.Id, node["id"]!.GetValue<string>());
        Assert.True(DateTimeOffset.Parse(node["createdAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) <= DateTimeOffset.UtcNow);
    }

    [Theory]
    [InlineData("""{"first":2,"after":"not-a-cursor"}""", "\"after\" is not a cursor this API issued.")]
    [InlineData("""{"first":2,"after":"bzE6MTIzOm5vdC1hbi1pZA"}""", "\"after\" is not a cursor this API issued.")]
    [InlineData("""{"first":0}""", "\"first\" must be between 1 and 100.")]
    [InlineData("""{"first":101}""", "\"first\" must be between 1 and 100.")]
    public async Task A_bad_page_request_is_a_BAD_USER_INPUT_error_with_no_orders(string variables, string message)
    {
        await using var emulator = await Emulator.StartAsync(o => o.FixturesPath = CrystallizeEmulatorOptions.SampleFixturesPath);

        var (status, body) = await emulator.CoreAsync(Page, JsonNode.Parse(variables));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(body["data"]!["orders"]);
        var error = Assert.Single(body["errors"]!.AsArray())!;
        Assert.Equal(message, error["message"]!.GetValue<string>());
        Assert.Equal("BAD_USER_INPUT", error["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("""["orders"]""", error["path"]!.ToJsonString());
    }

    [Fact]
    public async Task A_date_that_is_not_one_is_refused_before_anything_runs()
    {
        await using var emulator = await Emulator.StartAsync();

        var (_, literal) = await emulator.CoreAsync("""{ orders(filter: {createdAt: {from: "yesterday"}}) { ... on OrderConnection { edges { cursor } } } }""");
        var (_, variable) = await emulator.CoreAsync(Page, new { filter = new { createdAt = new { to = "soon" } } });

        Assert.Null(literal["data"]);
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", literal["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Null(variable["data"]);
        Assert.Equal("BAD_USER_INPUT", variable["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    private static List<string> Ids(JsonObject page) =>
        [.. page["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>())];

    private static async Task<List<JsonObject>> PagesAsync(Emulator emulator, int first, object? filter = null, string? after = null)
    {
        var pages = new List<JsonObject>();
        do
        {
            var (status, body) = await emulator.CoreAsync(Page, new { first, after, filter });
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.True(body["errors"] is null, body.ToJsonString());
            var page = body["data"]!["orders"]!.AsObject();
            pages.Add(page);
            after = page["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? page["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
        }
        while (after is not null && pages.Count < 100);

        return pages;
    }
}
