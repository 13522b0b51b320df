using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace FbaMesh.SpApiEmulator.Tests;

/// <summary>POST /auth/o2/token and the access token every fulfillment operation demands.</summary>
public sealed class LoginWithAmazonTests
{
    private static FormUrlEncodedContent Grant(
        string grantType = "refresh_token",
        string refreshToken = "dev-only-fake-refresh-token",
        string clientId = "dev-only-fake-lwa-client-id",
        string? clientSecret = "dev-only-fake-lwa-client-secret")
    {
        var fields = new Dictionary<string, string>
        {
            ["grant_type"] = grantType,
            ["refresh_token"] = refreshToken,
            ["client_id"] = clientId,
        };
        if (clientSecret is not null)
        {
            fields["client_secret"] = clientSecret;
        }

        return new FormUrlEncodedContent(fields);
    }

    private static async Task<JsonNode> LwaErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        Assert.Equal(status, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.Equal(error, body["error"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(body["error_description"]!.GetValue<string>()));
        return body;
    }

    [Fact]
    public async Task A_registered_client_and_refresh_token_get_a_bearer_access_token()
    {
        await using var emulator = await RunningEmulator.StartAsync(o => o.AccessTokenLifetime = TimeSpan.FromSeconds(90));

        var response = await emulator.Http.PostAsync(emulator.App.TokenEndpoint, Grant());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json.ReadAsync(response);
        var token = body["access_token"]!.GetValue<string>();
        Assert.StartsWith("Atza|", token, StringComparison.Ordinal);
        Assert.True(token.Length >= 350);
        Assert.Equal("bearer", body["token_type"]!.GetValue<string>());
        Assert.Equal(90, body["expires_in"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.OK, (await emulator.CreateAsync(Samples.Order("lwa-1"), token)).StatusCode);
    }

    [Fact]
    public async Task An_unknown_refresh_token_is_400_invalid_grant()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var response = await emulator.Http.PostAsync(emulator.App.TokenEndpoint, Grant(refreshToken: "fake-revoked-refresh-token"));

        var body = await LwaErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant");
        Assert.Equal("The request has an invalid grant parameter : refresh_token", body["error_description"]!.GetValue<string>());
        Assert.DoesNotContain("fake-revoked-refresh-token", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("someone-else", "dev-only-fake-lwa-client-secret")]
    [InlineData("dev-only-fake-lwa-client-id", "wrong-secret")]
    public async Task A_wrong_client_is_401_invalid_client(string clientId, string secret)
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var response = await emulator.Http.PostAsync(emulator.App.TokenEndpoint, Grant(clientId: clientId, clientSecret: secret));

        var body = await LwaErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client");
        Assert.Equal("Client authentication failed", body["error_description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Another_grant_type_is_400_unsupported_grant_type()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var response = await emulator.Http.PostAsync(emulator.App.TokenEndpoint, Grant(grantType: "client_credentials"));

        await LwaErrorAsync(response, HttpStatusCode.BadRequest, "unsupported_grant_type");
    }

    [Fact]
    public async Task A_missing_parameter_is_400_invalid_request()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var missingSecret = await emulator.Http.PostAsync(emulator.App.TokenEndpoint, Grant(clientSecret: null));
        var json = await emulator.Http.PostAsync(emulator.App.TokenEndpoint, new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        var body = await LwaErrorAsync(missingSecret, HttpStatusCode.BadRequest, "invalid_request");
        Assert.Contains("client_secret", body["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
        await LwaErrorAsync(json, HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task An_expired_token_is_403_Unauthorized_saying_it_expired()
    {
        var time = new FakeTimeProvider();
        await using var emulator = await RunningEmulator.StartAsync(o =>
        {
            o.Time = time;
            o.AccessTokenLifetime = TimeSpan.FromSeconds(60);
        });
        Assert.Equal(HttpStatusCode.OK, (await emulator.CreateAsync(Samples.Order("exp-1"))).StatusCode);

        time.Advance(TimeSpan.FromSeconds(60));
        var response = await emulator.CreateAsync(Samples.Order("exp-2"));

        var error = await Json.ErrorAsync(response, HttpStatusCode.Forbidden, "Unauthorized");
        Assert.Equal("Access to requested resource is denied.", error["message"]!.GetValue<string>());
        Assert.Equal("The access token you provided has expired.", error["details"]!.GetValue<string>());
        Assert.Single(emulator.App.FulfillmentOrders);
        Assert.Equal(1, emulator.App.Stats.Forbidden);
    }

    [Theory]
    [InlineData(null, "Access token is missing in the request header.")]
    [InlineData("Atza|not-one-of-ours", "The access token you provided is revoked, malformed or invalid.")]
    public async Task No_token_or_a_foreign_token_is_403_Unauthorized(string? token, string details)
    {
        await using var emulator = await RunningEmulator.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{RunningEmulator.Orders}/x-1");
        if (token is not null)
        {
            request.Headers.Add("x-amz-access-token", token);
        }

        var response = await emulator.Http.SendAsync(request);

        var error = await Json.ErrorAsync(response, HttpStatusCode.Forbidden, "Unauthorized");
        Assert.Equal(details, error["details"]!.GetValue<string>());
        Assert.False(response.Headers.Contains("x-amzn-RateLimit-Limit"));
    }

    [Fact]
    public async Task Without_the_Amazon_Fulfillment_role_a_live_token_still_gets_403()
    {
        await using var emulator = await RunningEmulator.StartAsync(o => o.MissingFulfillmentRole = true);

        var create = await emulator.CreateAsync(Samples.Order("role-1"));
        var get = await emulator.GetAsync("role-1");

        var error = await Json.ErrorAsync(create, HttpStatusCode.Forbidden, "Unauthorized");
        Assert.Equal("Access to requested resource is denied.", error["message"]!.GetValue<string>());
        await Json.ErrorAsync(get, HttpStatusCode.Forbidden, "Unauthorized");
        Assert.Empty(emulator.App.FulfillmentOrders);
        Assert.Equal(2, emulator.App.Stats.Forbidden);
    }
}
