using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FbaMesh.OrderEnricher.Api;
using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Tests.Mesh;
using FbaMesh.Testing;
using Grpc.Core;

namespace FbaMesh.OrderEnricher.Tests.Api;

/// <summary>GET /api/orders/{id} and the operator's POST /api/orders/{id}/retry.</summary>
public sealed class OrderApiTests(OperatorApiFixture fixture) : IClassFixture<OperatorApiFixture>
{
    private const string Us = "6724c1b05e1d4b0012a3f102";
    private readonly EnricherMesh mesh = fixture.Mesh;

    [Theory]
    [InlineData("GET", "/api/orders/not-an-id")]
    [InlineData("GET", "/api/orders/6724C1B05E1D4B0012A3F102")]
    [InlineData("POST", "/api/orders/6724c1b05e1d4b0012a3f10/retry")]
    public async Task An_invalid_id_is_a_400_problem(string method, string path)
    {
        using var response = await mesh.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("POST", "/retry")]
    public async Task An_unknown_order_is_a_404_problem(string method, string suffix)
    {
        using var response = await mesh.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/orders/{OrderIds.New()}{suffix}"));

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_state_is_json_with_status_names_and_no_personal_data()
    {
        var id = mesh.CopyOfFixture(Us);
        await mesh.PublishOrderReceivedAsync(id);
        await mesh.FinalStateAsync(id);

        var json = await mesh.Http.GetStringAsync($"/api/orders/{id}");
        var root = JsonDocument.Parse(json).RootElement;

        Assert.Equal("Submitted", root.GetProperty("status").GetString());
        Assert.Equal(id, root.GetProperty("orderId").GetString());
        Assert.Equal(id, root.GetProperty("sellerFulfillmentOrderId").GetString());
        Assert.Equal(1, root.GetProperty("attempts").GetInt32());
        Assert.DoesNotContain("Jane", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Amazon Way", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_order_stays_failed_when_the_event_comes_again()
    {
        var id = mesh.CopyOfFixture(Us);
        mesh.Submitter.Scripts[id] = (_, _) => FakeSubmitter.Fail(StatusCode.InvalidArgument, "unknown SKU");
        await mesh.PublishOrderReceivedAsync(id);
        var failed = await mesh.FinalStateAsync(id);
        await mesh.AnswersAsync(id, 1);

        await mesh.PublishOrderReceivedAsync(id);
        await Testing.Eventually.UntilAsync(() => mesh.Deliveries.AnswersFor(id).Count == 2, "the second delivery");

        Assert.Equal(["DROP", "SUCCESS"], await mesh.AnswersAsync(id, 2));
        Assert.Equal(failed, await mesh.StateAsync(id));
        Assert.Equal(1, mesh.Submitter.Count(id));
    }

    [Fact]
    public async Task An_operator_retry_sends_a_failed_order_again()
    {
        var id = mesh.CopyOfFixture(Us);
        mesh.Submitter.Scripts[id] = (request, call) => call == 1
            ? FakeSubmitter.Fail(StatusCode.InvalidArgument, "unknown SKU")
            : FakeSubmitter.DefaultAnswer(request, 1);
        await mesh.PublishOrderReceivedAsync(id);
        Assert.Equal(OrderStatus.Failed, (await mesh.FinalStateAsync(id)).Status);

        using var response = await mesh.Http.PostAsync($"/api/orders/{id}/retry", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/orders/{id}", response.Headers.Location?.OriginalString);
        var reset = await response.Content.ReadFromJsonAsync<OrderState>(OrderStateJson.Options);
        Assert.Equal((OrderStatus.Received, 0, 1), (reset!.Status, reset.Attempts, reset.OperatorRetries));

        var state = await mesh.FinalStateAsync(id);
        Assert.Equal(OrderStatus.Submitted, state.Status);
        Assert.Equal((1, 1), (state.Attempts, state.OperatorRetries));
        Assert.Equal(2, mesh.Submitter.Count(id));
        Assert.Equal(reset.OperatorRetriedAt, state.OperatorRetriedAt);
    }

    [Fact]
    public async Task Each_retry_is_recorded_with_its_time_and_retries_past_the_cap_are_refused()
    {
        var id = mesh.CopyOfFixture(Us);
        mesh.Submitter.Scripts[id] = (_, _) => FakeSubmitter.Fail(StatusCode.InvalidArgument, "unknown SKU");
        await mesh.PublishOrderReceivedAsync(id);
        await mesh.FinalStateAsync(id);

        for (var retry = 1; retry <= 2; retry++)
        {
            var before = DateTimeOffset.UtcNow;
            using var accepted = await mesh.Http.PostAsync($"/api/orders/{id}/retry", null);
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            var failedAgain = await Testing.Eventually.UntilAsync(() => mesh.StateAsync(id), s => s is { IsFinal: true, OperatorRetries: var n } && n == retry, $"retry {retry} to fail again");
            Assert.Equal(retry, failedAgain!.OperatorRetriedAt.Count);
            Assert.InRange(failedAgain.OperatorRetriedAt[^1], before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        }

        var capped = await mesh.StateAsync(id);
        using var refused = await mesh.Http.PostAsync($"/api/orders/{id}/retry", null);

        await AssertProblemAsync(refused, HttpStatusCode.Conflict);
        Assert.Contains("MaxRetriesPerOrder = 2", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(capped, await mesh.StateAsync(id));
        Assert.Equal(3, mesh.Submitter.Count(id));
    }

    [Fact]
    public async Task A_retry_while_a_delivery_holds_a_live_claim_is_a_409_and_changes_nothing()
    {
        var id = OrderIds.New();
        var now = DateTimeOffset.UtcNow;
        var claimed = new OrderState
        {
            OrderId = id, Status = OrderStatus.Received, Attempts = 1, SellerFulfillmentOrderId = id,
            ClaimedBy = "a-delivery-at-work", ReceivedAt = now, UpdatedAt = now,
        };
        await mesh.Dapr.SaveStateAsync("fbamesh-state", OrderStateStore.Key(id), claimed);

        using var refused = await mesh.Http.PostAsync($"/api/orders/{id}/retry", null);

        await AssertProblemAsync(refused, HttpStatusCode.Conflict);
        Assert.Contains("working on order", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(claimed, await mesh.StateAsync(id));
        Assert.Equal(0, mesh.PublishedFor("orders.received", id));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    [InlineData("test-operator-token-not-a-real-one")]
    [InlineData("bearer  test-operator-token-not-a-real-one")]
    public async Task Without_the_operator_token_a_retry_is_a_401_problem_and_changes_nothing(string? authorization)
    {
        var id = mesh.CopyOfFixture(Us);
        mesh.Submitter.Scripts[id] = (_, _) => FakeSubmitter.Fail(StatusCode.InvalidArgument, "unknown SKU");
        await mesh.PublishOrderReceivedAsync(id);
        var failed = await mesh.FinalStateAsync(id);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/orders/{id}/retry");
        using var unauthenticated = new HttpClient { BaseAddress = mesh.Http.BaseAddress };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await unauthenticated.SendAsync(request);
        using var read = await unauthenticated.GetAsync($"/api/orders/{id}");

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
        Assert.DoesNotContain(EnricherMesh.OperatorToken, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(failed, await mesh.StateAsync(id));
        Assert.Equal(1, mesh.PublishedFor("orders.received", id));
        Assert.Equal(1, mesh.Submitter.Count(id));
    }

    [Fact]
    public async Task A_submitted_order_cannot_be_retried()
    {
        var id = mesh.CopyOfFixture(Us);
        await mesh.PublishOrderReceivedAsync(id);
        var submitted = await mesh.FinalStateAsync(id);

        using var response = await mesh.Http.PostAsync($"/api/orders/{id}/retry", null);

        await AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(submitted, await mesh.StateAsync(id));
        Assert.Equal(1, mesh.Submitter.Count(id));
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }
}
