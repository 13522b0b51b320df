using System.Net;
using System.Text.Json.Nodes;

namespace FbaMesh.SpApiEmulator.Tests;

/// <summary>createFulfillmentOrder bodies checked against Amazon's model file itself.</summary>
public sealed class SchemaValidationTests
{
    [Fact]
    public async Task A_valid_order_is_created()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var response = await emulator.CreateAsync(Samples.Order("valid-1", lines: 2, quantityEach: 2));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, emulator.App.Stats.Creates);
        Assert.Equal("valid-1", Assert.Single(emulator.App.FulfillmentOrders).SellerFulfillmentOrderId);
    }

    [Fact]
    public async Task Amazons_own_sandbox_create_example_passes()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var example = Samples.SandboxExample("/fba/outbound/2020-07-01/fulfillmentOrders", "post", "200", 0, "request")["parameters"]!["body"]!["value"]!;

        var response = await emulator.CreateAsync(example.DeepClone());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string, Action<JsonObject>, string> Violations => new()
    {
        { "missing required", o => o["destinationAddress"]!.AsObject().Remove("postalCode"), "$.destinationAddress.postalCode" },
        { "missing required top level", o => o.Remove("displayableOrderComment"), "$.displayableOrderComment" },
        { "null required", o => o["items"]![0]!["sellerSku"] = null, "$.items[0].sellerSku" },
        { "wrong enum", o => o["shippingSpeedCategory"] = "Overnight", "$.shippingSpeedCategory" },
        { "wrong nested enum", o => o["featureConstraints"]![0]!["featureFulfillmentPolicy"] = "Maybe", "$.featureConstraints[0].featureFulfillmentPolicy" },
        { "too long", o => o["sellerFulfillmentOrderId"] = new string('x', 41), "$.sellerFulfillmentOrderId" },
        { "too long comment", o => o["displayableOrderComment"] = new string('c', 751), "$.displayableOrderComment" },
        { "wrong type", o => o["items"]![0]!["quantity"] = "3", "$.items[0].quantity" },
        { "not int32", o => o["items"]![0]!["quantity"] = 3_000_000_000L, "$.items[0].quantity" },
        { "wrong type object", o => o["destinationAddress"] = "Storgata 12", "$.destinationAddress" },
        { "not a date-time", o => o["displayableOrderDate"] = "20th of November", "$.displayableOrderDate" },
        { "e-mail too long", o => o["notificationEmails"] = new JsonArray(new string('e', 60) + "@example.com"), "$.notificationEmails[0]" },
        { "101 lines", o => o["items"] = Samples.Order("x", lines: 101)["items"]!.DeepClone(), "$.items" },
        { "251 units", o => o["items"] = Samples.Order("x", lines: 2, quantityEach: 126)["items"]!.DeepClone(), "$.items" },
        { "zero quantity", o => o["items"]![0]!["quantity"] = 0, "$.items[0].quantity" },
        { "two spaces in displayableOrderId", o => o["displayableOrderId"] = "order  7", "$.displayableOrderId" },
        { "Hold with ScheduledDelivery", o => { o["shippingSpeedCategory"] = "ScheduledDelivery"; o["fulfillmentAction"] = "Hold"; }, "$.fulfillmentAction" },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public async Task A_violation_is_400_InvalidInput_naming_the_field_and_changes_nothing(string rule, Action<JsonObject> breakIt, string path)
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var order = Samples.Order("broken-1");
        breakIt(order);

        var response = await emulator.CreateAsync(order);

        var paths = await Json.ViolatedPathsAsync(response);
        Assert.True(paths.Contains(path), $"{rule}: expected {path} among [{string.Join(", ", paths)}]");
        Assert.True(response.Headers.Contains("x-amzn-RateLimit-Limit"));
        Assert.Empty(emulator.App.FulfillmentOrders);
        Assert.Equal(1, emulator.App.Stats.SchemaViolations);
        Assert.Equal(1, emulator.App.Stats.For(Operations.Create).Snapshot().SchemaViolations);
    }

    [Fact]
    public async Task The_message_names_the_field_in_Amazons_words()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var order = Samples.Order("broken-2");
        order["destinationAddress"]!.AsObject().Remove("countryCode");
        order["shippingSpeedCategory"] = "Overnight";

        var errors = (await Json.ReadAsync(await emulator.CreateAsync(order)))["errors"]!.AsArray();

        var messages = errors.Select(e => e!["message"]!.GetValue<string>()).ToArray();
        Assert.Contains("The request must contain the parameter destinationAddress.countryCode.", messages);
        Assert.Contains(messages, m => m.StartsWith("Value Overnight for parameter shippingSpeedCategory is invalid. Reason: must be one of [Standard", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Exactly_100_lines_and_250_units_are_allowed()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var order = Samples.Order("limit-1", lines: 100, quantityEach: 2);
        order["items"]![0]!["quantity"] = 52;

        var response = await emulator.CreateAsync(order);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_properties_are_ignored_as_SP_API_ignores_them()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var order = Samples.Order("extra-1");
        order["somethingNew"] = "ignored";

        Assert.Equal(HttpStatusCode.OK, (await emulator.CreateAsync(order)).StatusCode);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("")]
    [InlineData("[1,2,3]")]
    public async Task An_unreadable_body_is_400_InvalidInput(string body)
    {
        await using var emulator = await RunningEmulator.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, RunningEmulator.Orders) { Content = new StringContent(body) };
        request.Headers.Add("x-amz-access-token", emulator.Token);

        var response = await emulator.Http.SendAsync(request);

        await Json.ErrorAsync(response, HttpStatusCode.BadRequest, "InvalidInput");
        Assert.Equal(1, emulator.App.Stats.SchemaViolations);
    }
}
