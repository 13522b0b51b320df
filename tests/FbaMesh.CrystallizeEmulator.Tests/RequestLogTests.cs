using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace FbaMesh.CrystallizeEmulator.Tests;

public sealed class RequestLogTests
{
    [Fact]
    public async Task Every_API_request_is_recorded_with_time_operation_variables_and_status()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-02T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var emulator = await Emulator.StartAsync(o => o.Time = time);
        emulator.Put(Orders.Id, Orders.Sample);

        await emulator.QueryAsync("query GET_CREATED_ORDER_DETAILS($id: ID!) { order { get(id: $id) { id } } }", new { id = Orders.Id });
        time.Advance(TimeSpan.FromSeconds(3));
        await emulator.QueryAsync("query Missing($id: ID!) { order { get(id: $id) { id } } }", new { id = Orders.OtherId });
        await emulator.QueryAsync("{ order { get(id: 1) { id } } }", authenticated: false);
        var log = JsonNode.Parse(await emulator.Http.GetStringAsync("/_emulator/requests"))!;

        var requests = log["requests"]!.AsArray();
        Assert.Equal(3, requests.Count);
        Assert.Equal("GET_CREATED_ORDER_DETAILS", requests[0]!["operationName"]!.GetValue<string>());
        Assert.Equal($$"""{"id":"{{Orders.Id}}"}""", requests[0]!["variables"]!.ToJsonString());
        Assert.Equal(200, requests[0]!["status"]!.GetValue<int>());
        Assert.Equal("2026-11-02T09:00:00+00:00", requests[0]!["time"]!.GetValue<string>());
        Assert.Equal("2026-11-02T09:00:03+00:00", requests[1]!["time"]!.GetValue<string>());
        Assert.Equal($$"""["{{Orders.OtherId}}"]""", requests[1]!["orderIds"]!.ToJsonString());
        Assert.Single(requests[1]!["errors"]!.AsArray());
        Assert.Equal(401, requests[2]!["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_log_keeps_only_the_newest_requests_and_counts_the_dropped()
    {
        await using var emulator = await Emulator.StartAsync(o => o.RequestLogCapacity = 3);

        for (var i = 0; i < 5; i++)
        {
            await emulator.QueryAsync($"query N{i} {{ order {{ get(id: {i}) {{ id }} }} }}");
        }

        var log = JsonNode.Parse(await emulator.Http.GetStringAsync("/_emulator/requests"))!;
        Assert.Equal(2, log["dropped"]!.GetValue<int>());
        Assert.Equal(["N2", "N3", "N4"], log["requests"]!.AsArray().Select(r => r!["operationName"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Delete_empties_the_log()
    {
        await using var emulator = await Emulator.StartAsync();
        await emulator.QueryAsync("{ order { get(id: 1) { id } } }");

        using var deleted = await emulator.Http.DeleteAsync("/_emulator/requests");
        var log = JsonNode.Parse(await emulator.Http.GetStringAsync("/_emulator/requests"))!;

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(0, log["count"]!.GetValue<int>());
        Assert.Empty(log["requests"]!.AsArray());
    }
}
