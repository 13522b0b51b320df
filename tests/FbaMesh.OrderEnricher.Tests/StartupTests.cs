using FbaMesh.LoopbackPorts;
using FbaMesh.ServiceDefaults.Secrets;
using FbaMesh.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
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
    [InlineData("Pipeline:DeliveryBudget", "00:01:00")]
    [InlineData("Redrive:Horizon", "00:00:00")]
    [InlineData("Redrive:Shards", "0")]
    [InlineData("Sweep:PageSize", "101")]
    [InlineData("CrystallizeCoreApi:Url", "not a url")]
    [InlineData("Submitter:Deadline", "00:00:00")]
    [InlineData("OperatorApi:MaxRetriesPerOrder", "0")]
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
        await using var app = Build(FreeTcpPort.Next(), new OperatorSecretSource("operator-secret"));

        await app.StartAsync();
        await app.StopAsync();
    }

    [Fact]
    public async Task Outside_development_a_missing_operator_token_stops_the_start_and_names_the_secret_and_setting()
    {
        await using var app = Build(FreeTcpPort.Next(), new OperatorSecretSource(null));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());

        Assert.Contains("secret 'operator' (key 'token')", error.Message, StringComparison.Ordinal);
        Assert.Contains("OperatorApi:SecretName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_development_an_unreadable_secret_store_stops_the_start_after_the_startup_timeout()
    {
        var source = new OperatorSecretSource("operator-secret") { Failing = true };
        await using var app = Build(FreeTcpPort.Next(), source, new Dictionary<string, string?> { ["OperatorApi:StartupTimeout"] = "00:00:00" });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());

        Assert.Contains("Could not read secret 'operator'", error.Message, StringComparison.Ordinal);
        Assert.Contains("OperatorApi:SecretName", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("operator-secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_development_without_an_operator_token_the_api_stays_closed_and_says_why()
    {
        var port = FreeTcpPort.Next();
        await using var app = Build(port, new OperatorSecretSource(null), environment: "Development");
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        using var answer = await http.SendAsync(WithToken("/api/orders/6724c1b05e1d4b0012a3f102", "anything"));

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        Assert.Contains("'operator'", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await app.StopAsync();
    }

    [Fact]
    public async Task The_order_api_needs_the_operator_token_as_a_bearer_token()
    {
        var port = FreeTcpPort.Next();
        await using var app = Build(port, new OperatorSecretSource("operator-secret"));
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        using var without = await http.GetAsync("/api/orders/not-an-id");
        using var wrong = await http.SendAsync(WithToken("/api/orders/not-an-id", "guess"));
        using var bare = await http.SendAsync(WithRawAuthorization("/api/orders/not-an-id", "operator-secret"));
        using var right = await http.SendAsync(WithToken("/api/orders/not-an-id", "operator-secret"));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, bare.StatusCode);
        Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("operator-secret", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, right.StatusCode);
        await app.StopAsync();
    }

    private static WebApplication Build(int port, OperatorSecretSource secrets, Dictionary<string, string?>? settings = null, string environment = "Production")
    {
        var all = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "None" };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return OrderEnricherApp.Build(
            ["--urls", $"http://127.0.0.1:{port}", "--contentRoot", RepositoryPaths.Combine("services", "order-enricher"), "--environment", environment],
            b =>
            {
                b.Configuration.AddInMemoryCollection(all);
                b.Services.AddSingleton<ISecretSource>(secrets);
            });
    }

    private static HttpRequestMessage WithToken(string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static HttpRequestMessage WithRawAuthorization(string path, string value)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", value);
        return request;
    }

    /// <summary>The secret store as far as the operator token goes: the secret operator with a token, without one, or unreachable.</summary>
    private sealed class OperatorSecretSource(string? token) : ISecretSource
    {
        public bool Failing { get; init; }

        public Task<IReadOnlyDictionary<string, string>> GetAsync(string store, string name, CancellationToken cancellationToken) =>
            Failing
                ? Task.FromException<IReadOnlyDictionary<string, string>>(new InvalidOperationException($"secret {name} not found"))
                : Task.FromResult<IReadOnlyDictionary<string, string>>(
                    name == "operator" && token is not null ? new Dictionary<string, string> { ["token"] = token } : new Dictionary<string, string>());
    }
}
