using System.Text.RegularExpressions;
using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.FbaSubmitter.Amazon;
using FbaMesh.FbaSubmitter.Tests.Support;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FbaMesh.FbaSubmitter.Tests.Service;

/// <summary>The whole app over gRPC on loopback, with SP-API and LWA answered by scripts.</summary>
public partial class SubmitOverStubTests
{
    [Fact]
    public async Task A_submit_posts_Amazons_create_with_the_required_headers()
    {
        var lwa = StubAmazon.Lwa();
        var spApi = StubSpApi.Create(StubSpApi.Created);
        await using var host = await SubmitterHost.StartAsync(spApi: spApi, lwa: lwa);

        var answer = await host.Client.SubmitAsync(Orders.Valid("order-1"));

        Assert.Equal(SubmitOutcome.Created, answer.Outcome);
        Assert.Equal("order-1", answer.SellerFulfillmentOrderId);
        var create = Assert.Single(spApi.Seen);
        Assert.Equal("http://sp-api.invalid/fba/outbound/2020-07-01/fulfillmentOrders", create.Uri.ToString());
        Assert.Equal("Atza|token-1", create.Headers["x-amz-access-token"]);
        Assert.Matches(IsoBasic(), create.Headers["x-amz-date"]);
        Assert.Matches(UserAgent(), create.Headers["User-Agent"]);
        Assert.Contains("\"sellerFulfillmentOrderId\":\"order-1\"", create.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_5xx_after_create_is_confirmed_with_get_and_answered_already_exists()
    {
        var spApi = StubSpApi.Create(_ => StubSpApi.Status(500, "InternalFailure", "We encountered an internal error."), get: _ => StubSpApi.Ok(StubSpApi.OrderJson));
        await using var host = await SubmitterHost.StartAsync(spApi: spApi, lwa: StubAmazon.Lwa());

        var answer = await host.Client.SubmitAsync(Orders.Valid());

        Assert.Equal(SubmitOutcome.AlreadyExists, answer.Outcome);
        Assert.Equal(["create", "get"], Kinds(spApi));
    }

    [Fact]
    public async Task A_5xx_whose_order_is_not_at_Amazon_is_created_again_after_confirmation()
    {
        var spApi = StubSpApi.Create(n => n == 1 ? StubSpApi.Status(503, "ServiceUnavailable", "Temporary overloading.") : StubSpApi.Ok());
        await using var host = await SubmitterHost.StartAsync(spApi: spApi, lwa: StubAmazon.Lwa());

        var answer = await host.Client.SubmitAsync(Orders.Valid());

        Assert.Equal(SubmitOutcome.Created, answer.Outcome);
        Assert.Equal(["create", "get", "create"], Kinds(spApi));
    }

    [Fact]
    public async Task A_timeout_is_confirmed_before_any_retry()
    {
        // The attempt timeout runs on the submitter's clock: the create times out when the test says so,
        // however slow the machine, and the confirming get is answered at once.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var spApi = StubSpApi.Create(
            async n =>
            {
                await Task.Delay(n == 1 ? Timeout.InfiniteTimeSpan : TimeSpan.Zero);
                return StubHttp.Json(200, "{}");
            },
            get: _ => StubSpApi.Ok(StubSpApi.OrderJson));
        await using var host = await SubmitterHost.StartAsync(
            new Dictionary<string, string> { ["SpApi:AttemptTimeout"] = "00:00:00.300" }, spApi: spApi, lwa: StubAmazon.Lwa(),
            overrides: s => s.AddSingleton<TimeProvider>(clock));

        var answer = host.Client.SubmitAsync(Orders.Valid());
        await FbaMesh.Testing.Eventually.UntilAsync(() => spApi.Count == 1, "the create to be in flight");
        clock.Advance(TimeSpan.FromMilliseconds(299));
        Assert.False(answer.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(SubmitOutcome.AlreadyExists, (await answer).Outcome);
        Assert.Equal(["create", "get"], Kinds(spApi));
    }

    [Fact]
    public async Task A_400_in_any_words_for_an_order_Amazon_holds_is_already_exists_not_rejected()
    {
        // A create that lost a race with another create of the same id, refused in words other than "already exists".
        var spApi = StubSpApi.Create(
            _ => StubSpApi.Status(400, "InvalidInput", "Duplicate request for the seller fulfillment order."),
            get: _ => StubSpApi.Ok(StubSpApi.OrderJson.Replace("\"Received\"", "\"Complete\"", StringComparison.Ordinal)));
        await using var host = await SubmitterHost.StartAsync(spApi: spApi, lwa: StubAmazon.Lwa());

        var answer = await host.Client.SubmitAsync(Orders.Valid("order-3"));

        Assert.Equal(SubmitOutcome.AlreadyExists, answer.Outcome);
        Assert.Equal(["create", "get"], Kinds(spApi));
    }

    [Fact]
    public async Task Already_exists_from_Amazon_is_confirmed_and_answered_as_success()
    {
        var spApi = StubSpApi.Create(
            _ => StubSpApi.Status(400, "InvalidInput", "A create request already exists for MerchantFulfillmentOrderId : order-2"),
            get: _ => StubSpApi.Ok(StubSpApi.OrderJson));
        await using var host = await SubmitterHost.StartAsync(spApi: spApi, lwa: StubAmazon.Lwa());

        var answer = await host.Client.SubmitAsync(Orders.Valid("order-2"));

        Assert.Equal(SubmitOutcome.AlreadyExists, answer.Outcome);
        Assert.Equal(["create", "get"], Kinds(spApi));
    }

    [Fact]
    public async Task Concurrent_submits_of_one_id_make_one_Amazon_call()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var spApi = StubSpApi.Create(async _ =>
        {
            await release.Task;
            return StubHttp.Json(200, "{}");
        });
        await using var host = await SubmitterHost.StartAsync(spApi: spApi, lwa: StubAmazon.Lwa());
        var request = Orders.Valid();

        var calls = Enumerable.Range(0, 10).Select(_ => host.Client.SubmitAsync(request)).ToArray();
        var submitter = host.Services.GetRequiredService<FbaMesh.FbaSubmitter.Submitting.FulfillmentOrderSubmitter>();
        await FbaMesh.Testing.Eventually.UntilAsync(() => submitter.Waiting == 10, "all ten submits to wait on the one create");
        release.SetResult();
        var answers = await Task.WhenAll(calls);

        Assert.Equal(1, spApi.Count);
        Assert.All(answers, a => Assert.Equal(SubmitOutcome.Created, a.Outcome));
    }

    [Fact]
    public async Task Throttling_backs_off_and_completes_and_a_lower_rate_limit_slows_the_bucket()
    {
        var spApi = StubSpApi.Create(n => n <= 3
            ? StubSpApi.Status(429, "QuotaExceeded", "You exceeded your quota for the requested resource.")
            : StubSpApi.Ok("{}", ("x-amzn-RateLimit-Limit", "1.5")));
        await using var host = await SubmitterHost.StartAsync(spApi: spApi, lwa: StubAmazon.Lwa());

        var answer = await host.Client.SubmitAsync(Orders.Valid());

        Assert.Equal(SubmitOutcome.Created, answer.Outcome);
        Assert.Equal(["create", "create", "create", "create"], Kinds(spApi));
        Assert.Equal(1.5, host.Services.GetRequiredService<SpApiPacers>()[SpApiOperation.CreateFulfillmentOrder].Rate);
    }

    internal static string[] Kinds(StubHttp spApi) =>
        [.. spApi.Seen.Select(r => r.IsCreate() ? "create" : r.Method == HttpMethod.Put ? "cancel" : "get")];

    [GeneratedRegex(@"^\d{8}T\d{6}Z$")]
    private static partial Regex IsoBasic();

    [GeneratedRegex(@"^FbaMesh/\d+\.\d+\.\d+\S* \(Language=C#/\S+.*\)$")]
    private static partial Regex UserAgent();
}
