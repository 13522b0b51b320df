using System.Text;

namespace FbaMesh.SpApiEmulator.Tests;

/// <summary>No request can crash the emulator or get a 5xx that no fault asked for.</summary>
public sealed class RobustnessTests
{
    private static readonly string[] Bodies =
    [
        "null", "42", "\"text\"", "{}", "[]", "{\"items\":null}", "{\"items\":{}}", "{\"items\":[null,1,\"x\"]}",
        "{\"destinationAddress\":[],\"items\":[{\"quantity\":1e400}]}", "{\"fulfillmentOrderStatus\":7}",
        "{\"address\":{},\"items\":[{\"quantity\":-1}],\"shippingSpeedCategories\":[\"Standard\",3]}",
        new string('[', 5000) + new string(']', 5000),
    ];

    public static TheoryData<string, string> Targets => new()
    {
        { "POST", RunningEmulator.Orders },
        { "POST", RunningEmulator.Orders + "/preview" },
        { "PUT", RunningEmulator.Orders + "/known" },
        { "PUT", RunningEmulator.Orders + "/known/status" },
        { "PUT", RunningEmulator.Orders + "/known/cancel" },
        { "GET", RunningEmulator.Orders + "?queryStartDate=2020-13-45T99:99:99Z&nextToken=%00%FF" },
        { "GET", RunningEmulator.Orders + "/%E2%82%AC%20%22'" },
    };

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Odd_requests_get_4xx_answers_and_the_emulator_keeps_serving(string method, string path)
    {
        await using var emulator = await RunningEmulator.StartAsync(o => o.DefaultPlan = new UsagePlan(1000, 1000));
        await emulator.CreateAsync(Samples.Order("known"));

        foreach (var body in Bodies)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("x-amz-access-token", emulator.Token);
            var response = await emulator.Http.SendAsync(request);
            Assert.True((int)response.StatusCode < 500, $"{method} {path} with {body[..Math.Min(40, body.Length)]} answered {(int)response.StatusCode}");
        }

        // Only a cancel (which takes no body) may change the order; nothing odd moves it anywhere else.
        Assert.Equal(path.EndsWith("/cancel", StringComparison.Ordinal) ? "Cancelled" : "Received", await emulator.StatusOfAsync("known"));
        Assert.Equal(0, emulator.App.Stats.For(Operations.Create).Snapshot().ServerErrors);
    }
}
