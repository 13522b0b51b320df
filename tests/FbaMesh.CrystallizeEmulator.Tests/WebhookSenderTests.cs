using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using FbaMesh.Crystallize.Signing;
using FbaMesh.LoopbackPorts;
using FbaMesh.Testing;

namespace FbaMesh.CrystallizeEmulator.Tests;

public sealed class WebhookSenderTests
{
    private static readonly string[] OrderFields = ["id", "createdAt", "meta", "customer", "cart"];
    private static readonly string[] CustomerFields = ["firstName", "lastName", "identifier", "email", "companyName", "phone", "addresses", "externalReferences"];
    private static readonly string[] AddressFields = ["type", "firstName", "lastName", "phone", "street", "street2", "streetNumber", "postalCode", "city", "state", "country"];
    private static readonly string[] CartFields = ["sku", "name", "quantity", "price"];

    [Fact]
    public async Task The_body_is_the_attached_querys_result_without_a_data_wrapper()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        emulator.Put(Orders.Id, Orders.Sample);

        using var response = await emulator.App.SendOrderCreatedWebhookAsync(Orders.Id, receiver.Url);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var received = Assert.Single(receiver.Received);
        Assert.Equal("application/json", received.ContentType);
        var body = JsonNode.Parse(received.Body)!.AsObject();
        Assert.Equal(["order"], body.Select(p => p.Key));
        var order = body["order"]!["get"]!.AsObject();
        Assert.Equal(OrderFields, order.Select(p => p.Key));
        Assert.Equal(CustomerFields, order["customer"]!.AsObject().Select(p => p.Key));
        Assert.Equal(AddressFields, order["customer"]!["addresses"]![0]!.AsObject().Select(p => p.Key));
        Assert.Equal(CartFields, order["cart"]![0]!.AsObject().Select(p => p.Key));
        Assert.Equal("Storgata", order["customer"]!["addresses"]![0]!["street"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_signature_verifies_for_exactly_the_url_method_and_body_sent()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        emulator.Put(Orders.Id, Orders.Sample);

        using var response = await emulator.App.SendOrderCreatedWebhookAsync(Orders.Id, receiver.Url);

        var received = Assert.Single(receiver.Received);
        var verifier = new SignatureVerifier(new SignatureVerifierOptions { ExpectedTenantIdentifier = "acme" }, TimeProvider.System);
        var url = receiver.Url.ToString();
        Assert.Equal(SignatureFailure.None, verifier.Verify(received.Signature, Emulator.SignatureSecret, url, "POST", received.Body).Failure);
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(received.Body).Replace("Storgata", "Storgate", StringComparison.Ordinal));
        Assert.Equal(SignatureFailure.HmacMismatch, verifier.Verify(received.Signature, Emulator.SignatureSecret, url, "POST", tampered).Failure);
        Assert.Equal(SignatureFailure.HmacMismatch, verifier.Verify(received.Signature, Emulator.SignatureSecret, url + "?x=1", "POST", received.Body).Failure);
        Assert.Equal(SignatureFailure.BadSignature, verifier.Verify(received.Signature, "another-secret-0123456789", url, "POST", received.Body).Failure);
    }

    [Fact]
    public async Task Unicode_travels_as_UTF8_and_still_verifies()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        emulator.Put(Orders.Id, Orders.Sample.Replace("\"Kari\"", "\"Zoë 小明\"", StringComparison.Ordinal));

        using var response = await emulator.App.SendOrderCreatedWebhookAsync(Orders.Id, receiver.Url);

        var received = Assert.Single(receiver.Received);
        Assert.Contains("\"Zoë 小明\"", Encoding.UTF8.GetString(received.Body), StringComparison.Ordinal);
        var verifier = new SignatureVerifier(new SignatureVerifierOptions(), TimeProvider.System);
        Assert.True(verifier.Verify(received.Signature, Emulator.SignatureSecret, receiver.Url.ToString(), "POST", received.Body).IsValid);
    }

    [Fact]
    public async Task The_sender_sees_orders_that_the_API_does_not_serve_yet()
    {
        await using var emulator = await Emulator.StartAsync(o => o.ReadableAfterReads = 3);
        await using var receiver = await WebhookReceiver.StartAsync();
        emulator.Put(Orders.Id, Orders.Sample);

        using var response = await emulator.App.SendOrderCreatedWebhookAsync(Orders.Id, receiver.Url);

        var body = JsonNode.Parse(Assert.Single(receiver.Received).Body)!;
        Assert.Equal(Orders.Id, body["order"]!["get"]!["id"]!.GetValue<string>());
        Assert.Null(await emulator.GetOrderAsync(Orders.Id));
    }

    [Fact]
    public async Task The_admin_endpoint_sends_repeats_and_answers_with_the_targets_status()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync(status: 503);
        emulator.Put(Orders.Id, Orders.Sample);

        using var response = await emulator.Http.PostAsJsonAsync("/_emulator/webhooks/order-created", new { orderId = Orders.Id, url = receiver.Url.ToString(), times = 3 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(Orders.Id, answer["orderId"]!.GetValue<string>());
        Assert.Equal([503, 503, 503], answer["deliveries"]!.AsArray().Select(d => d!["status"]!.GetValue<int>()));
        Assert.All(answer["deliveries"]!.AsArray(), d => Assert.True(d!["elapsedMs"]!.GetValue<double>() >= 0));
        Assert.Equal(3, receiver.Received.Count);
    }

    [Fact]
    public async Task An_unreachable_target_is_reported_as_a_failed_delivery()
    {
        await using var emulator = await Emulator.StartAsync();
        emulator.Put(Orders.Id, Orders.Sample);
        var nobody = $"http://127.0.0.1:{FreeTcpPort.Next()}/hook";

        using var response = await emulator.Http.PostAsJsonAsync("/_emulator/webhooks/order-created", new { orderId = Orders.Id, url = nobody });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var delivery = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["deliveries"]![0]!;
        Assert.Null(delivery["status"]);
        Assert.False(string.IsNullOrEmpty(delivery["error"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("""{"orderId":"5f3c2b1a0d9e8f7a6b5c4d3f","url":"http://127.0.0.1:9/x"}""", HttpStatusCode.NotFound)]
    [InlineData("""{"orderId":"5f3c2b1a0d9e8f7a6b5c4d3e","url":"not a url"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"orderId":"5f3c2b1a0d9e8f7a6b5c4d3e","url":"ftp://127.0.0.1/x"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"url":"http://127.0.0.1:9/x"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"orderId":"5f3c2b1a0d9e8f7a6b5c4d3e","url":"http://127.0.0.1:9/x","times":0}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"orderId":"5f3c2b1a0d9e8f7a6b5c4d3e","url":"http://127.0.0.1:9/x","times":"2"}""", HttpStatusCode.BadRequest)]
    public async Task A_bad_send_request_is_refused_with_a_problem(string body, HttpStatusCode expected)
    {
        await using var emulator = await Emulator.StartAsync();
        emulator.Put(Orders.Id, Orders.Sample);

        using var response = await emulator.Http.PostAsync("/_emulator/webhooks/order-created", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }
}
