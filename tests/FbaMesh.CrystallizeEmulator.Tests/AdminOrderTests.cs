using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace FbaMesh.CrystallizeEmulator.Tests;

public sealed class AdminOrderTests
{
    [Fact]
    public async Task A_put_order_reads_back_from_the_admin_API_and_the_Order_API()
    {
        await using var emulator = await Emulator.StartAsync();

        using var put = await emulator.Http.PutAsync($"/_emulator/orders/{Orders.Id}", new StringContent(Orders.Sample, Encoding.UTF8, "application/json"));
        var stored = JsonNode.Parse(await emulator.Http.GetStringAsync($"/_emulator/orders/{Orders.Id}"))!;

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Orders.Sample), stored));
        Assert.Equal(Orders.Id, (await emulator.GetOrderAsync(Orders.Id))!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_second_put_replaces_the_order_and_the_id_comes_from_the_path()
    {
        await using var emulator = await Emulator.StartAsync();
        emulator.Put(Orders.Id, Orders.Sample);

        using var put = await emulator.Http.PutAsJsonAsync($"/_emulator/orders/{Orders.Id}", new { createdAt = "2026-12-24T18:00:00.000Z" });
        var stored = JsonNode.Parse(await emulator.Http.GetStringAsync($"/_emulator/orders/{Orders.Id}"))!;

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("""{"createdAt":"2026-12-24T18:00:00.000Z","id":"5f3c2b1a0d9e8f7a6b5c4d3e"}""", stored.ToJsonString());
    }

    [Theory]
    [InlineData("not-an-id", "{}")]
    [InlineData("5F3C2B1A0D9E8F7A6B5C4D3E", "{}")]
    [InlineData(Orders.Id, "[1]")]
    [InlineData(Orders.Id, "{ broken")]
    [InlineData(Orders.Id, """{"id":"5f3c2b1a0d9e8f7a6b5c4d3f"}""")]
    public async Task A_bad_put_answers_400_problem_and_stores_nothing(string id, string body)
    {
        await using var emulator = await Emulator.StartAsync();

        using var put = await emulator.Http.PutAsync($"/_emulator/orders/{id}", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal("application/problem+json", put.Content.Headers.ContentType!.MediaType);
        Assert.Equal(0, emulator.App.Orders.Count);
    }

    [Fact]
    public async Task Unknown_orders_answer_404_and_delete_removes_an_order()
    {
        await using var emulator = await Emulator.StartAsync();
        emulator.Put(Orders.Id, Orders.Sample);

        using var missing = await emulator.Http.GetAsync($"/_emulator/orders/{Orders.OtherId}");
        using var deleted = await emulator.Http.DeleteAsync($"/_emulator/orders/{Orders.Id}");
        using var deletedAgain = await emulator.Http.DeleteAsync($"/_emulator/orders/{Orders.Id}");
        var list = JsonNode.Parse(await emulator.Http.GetStringAsync("/_emulator/orders"))!;

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deletedAgain.StatusCode);
        Assert.Equal(0, list["count"]!.GetValue<int>());
        Assert.Null(await emulator.GetOrderAsync(Orders.Id));
    }
}
