using FbaMesh.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Tests;

/// <summary>Bad options stop the service at startup instead of failing every order later.</summary>
public sealed class StartupTests
{
    [Theory]
    [InlineData("Fulfillment:SellerFulfillmentOrderIdPrefix", "far-too-long-prefix-")]
    [InlineData("Fulfillment:SellerFulfillmentOrderIdPrefix", "with space")]
    [InlineData("Fulfillment:DisplayableOrderComment", "")]
    [InlineData("Fulfillment:MarketplaceByCountry:Norway", "A1PA6795UKMFR9")]
    [InlineData("Crystallize:OrderApiUrl", "not a url")]
    [InlineData("Crystallize:ReadAttempts", "0")]
    [InlineData("Pipeline:MaxAttempts", "0")]
    [InlineData("Submitter:Deadline", "00:00:00")]
    public async Task A_bad_option_stops_the_start(string key, string value)
    {
        await using var app = OrderEnricherApp.Build(
            ["--urls", $"http://127.0.0.1:{FreeTcpPort.Next()}", "--contentRoot", RepositoryPaths.Combine("services", "order-enricher")],
            b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value, ["Logging:LogLevel:Default"] = "None" }));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(key.Split(':')[0], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_shipped_settings_start()
    {
        await using var app = OrderEnricherApp.Build(
            ["--urls", $"http://127.0.0.1:{FreeTcpPort.Next()}", "--contentRoot", RepositoryPaths.Combine("services", "order-enricher")],
            b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "None" }));

        await app.StartAsync();
        await app.StopAsync();
    }

    [Fact]
    public async Task With_an_operator_token_the_order_api_needs_it()
    {
        var port = FreeTcpPort.Next();
        await using var app = OrderEnricherApp.Build(
            ["--urls", $"http://127.0.0.1:{port}", "--contentRoot", RepositoryPaths.Combine("services", "order-enricher")],
            b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["OperatorApi:Token"] = "operator-secret",
                ["Logging:LogLevel:Default"] = "None",
            }));
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        using var without = await http.GetAsync("/api/orders/not-an-id");
        using var wrong = await http.SendAsync(WithToken("/api/orders/not-an-id", "guess"));
        using var right = await http.SendAsync(WithToken("/api/orders/not-an-id", "operator-secret"));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.DoesNotContain("operator-secret", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, right.StatusCode);
        await app.StopAsync();
    }

    private static HttpRequestMessage WithToken(string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
