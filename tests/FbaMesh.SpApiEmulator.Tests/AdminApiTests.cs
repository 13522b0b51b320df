using System.Net;
using System.Text.Json.Nodes;

namespace FbaMesh.SpApiEmulator.Tests;

/// <summary>GET /_emulator/fulfillment-orders and /stats, POST /_emulator/reset, and the command line.</summary>
public sealed class AdminApiTests
{
    [Fact]
    public async Task Created_orders_are_listed_with_their_exact_request_body()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        const string raw = "{\"sellerFulfillmentOrderId\":\"raw-1\",\"displayableOrderId\":\"raw-1\",\"displayableOrderDate\":\"2026-11-20T10:15:00Z\",  \"displayableOrderComment\":\"Hi\",\"shippingSpeedCategory\":\"Standard\",\"destinationAddress\":{\"name\":\"A\",\"addressLine1\":\"B\",\"postalCode\":\"0155\",\"countryCode\":\"NO\"},\"items\":[{\"sellerSku\":\"S\",\"sellerFulfillmentOrderItemId\":\"S\",\"quantity\":1}]}";
        using var request = new HttpRequestMessage(HttpMethod.Post, RunningEmulator.Orders) { Content = new StringContent(raw, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("x-amz-access-token", emulator.Token);
        Assert.Equal(HttpStatusCode.OK, (await emulator.Http.SendAsync(request)).StatusCode);

        var listed = (await Json.ReadAsync(await emulator.Http.GetAsync("_emulator/fulfillment-orders"))).AsArray();

        var order = Assert.Single(listed)!;
        Assert.Equal("raw-1", order["sellerFulfillmentOrderId"]!.GetValue<string>());
        Assert.Equal(raw, order["requestBody"]!.GetValue<string>());
        Assert.Equal("Received", order["status"]!.GetValue<string>());
        Assert.Equal(raw, Assert.Single(emulator.App.FulfillmentOrders).RequestJson);
    }

    [Fact]
    public async Task Stats_count_creates_duplicates_violations_429s_and_403s_by_operation()
    {
        await using var emulator = await RunningEmulator.StartAsync(o => o.CreatePlan = new UsagePlan(0.001, 4));
        await emulator.CreateAsync(Samples.Order("st-1"));
        await emulator.CreateAsync(Samples.Order("st-1"));
        await emulator.CreateAsync(new JsonObject());
        await emulator.CreateAsync(Samples.Order("st-2"), token: "Atza|foreign");
        await emulator.CreateAsync(Samples.Order("st-3"));
        await emulator.CreateAsync(Samples.Order("st-4"));

        var stats = await Json.ReadAsync(await emulator.Http.GetAsync("_emulator/stats"));

        Assert.Equal(2, stats["creates"]!.GetValue<long>());
        Assert.Equal(1, stats["duplicatesRefused"]!.GetValue<long>());
        Assert.Equal(1, stats["schemaViolations"]!.GetValue<long>());
        Assert.Equal(1, stats["throttled"]!.GetValue<long>());
        Assert.Equal(1, stats["forbidden"]!.GetValue<long>());
        var create = stats["byOperation"]!["createFulfillmentOrder"]!;
        Assert.Equal(6, create["requests"]!.GetValue<long>());
        Assert.Equal(2, create["ok"]!.GetValue<long>());
        Assert.Equal(2, create["badRequest"]!.GetValue<long>());
    }

    [Fact]
    public async Task Reset_forgets_orders_counters_faults_and_quota_changes_but_keeps_tokens()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await emulator.CreateAsync(Samples.Order("rs-1"));
        emulator.App.Faults.Add(new FaultRule { Operation = Operations.Get });
        emulator.App.SetUsagePlan(Operations.Create, new UsagePlan(1, 1));

        Assert.Equal(HttpStatusCode.NoContent, (await emulator.Http.PostAsync("_emulator/reset", null)).StatusCode);

        Assert.Empty(emulator.App.FulfillmentOrders);
        Assert.Empty(emulator.App.Faults.Rules);
        Assert.Equal(0, emulator.App.Stats.Creates);
        var again = await emulator.CreateAsync(Samples.Order("rs-1"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("2.0", again.Headers.GetValues("x-amzn-RateLimit-Limit").Single());
    }

    [Fact]
    public async Task An_unknown_path_is_404_in_SP_APIs_error_shape()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var response = await emulator.SendAsync(HttpMethod.Get, "fba/outbound/2020-07-01/nothing-here");

        await Json.ErrorAsync(response, HttpStatusCode.NotFound, "NotFound");
    }

    [Fact]
    public void The_command_line_reads_a_Dapr_local_file_secret_store_and_plan_switches()
    {
        var secrets = Path.Combine(Path.GetTempPath(), $"spapi-secrets-{Guid.NewGuid():N}.json");
        File.WriteAllText(secrets, "{\"sp-api\":{\"lwaClientId\":\"cid\",\"lwaClientSecret\":\"csecret\",\"refreshToken\":\"fake-refresh-token-r\"}}");
        try
        {
            var options = CommandLine.Parse(["--urls", "http://localhost:5599", "--secrets-file", secrets, "--create-rate", "10", "--create-burst", "40", "--token-lifetime", "120", "--usage-plan", "sandbox"]);

            Assert.Equal("http://localhost:5599", options.Urls);
            Assert.Equal("cid", options.LwaClientId);
            Assert.Equal("csecret", options.LwaClientSecret);
            Assert.Equal(["fake-refresh-token-r"], options.RefreshTokens);
            Assert.Equal(new UsagePlan(10, 40), options.CreatePlan);
            Assert.Equal(UsagePlan.Sandbox, options.DefaultPlan);
            Assert.Equal(TimeSpan.FromMinutes(2), options.AccessTokenLifetime);
        }
        finally
        {
            File.Delete(secrets);
        }
    }

    [Fact]
    public void The_defaults_match_the_dev_secrets_file()
    {
        var options = CommandLine.Parse(["--secrets-file", FbaMesh.Testing.RepositoryPaths.Combine("components", "secrets.dev.json")]);
        var defaults = new SpApiEmulatorOptions();

        Assert.Equal(defaults.LwaClientId, options.LwaClientId);
        Assert.Equal(defaults.LwaClientSecret, options.LwaClientSecret);
        Assert.Equal(defaults.RefreshTokens, options.RefreshTokens);
    }
}
