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
}
