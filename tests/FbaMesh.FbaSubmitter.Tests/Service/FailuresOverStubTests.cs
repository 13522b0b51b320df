using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.FbaSubmitter.Tests.Support;
using Google.Rpc;
using Grpc.Core;

namespace FbaMesh.FbaSubmitter.Tests.Service;

/// <summary>Every failure answers with a precise gRPC status, a readable message and Amazon's errors as data.</summary>
public class FailuresOverStubTests
{
    [Fact]
    public async Task Amazons_invalid_input_is_invalid_argument_with_its_codes_in_the_status_details_and_never_its_message()
    {
        // Amazon's messages may quote the request: here the recipient's street and name.
        const string quoted = "Value 1 Canary Street, Ada Quoted for parameter addressLine1 is invalid.";
        var spApi = StubSpApi.Create(_ => StubSpApi.Status(400, "InvalidInput", quoted));
        await using var host = await SubmitterHost.StartAsync(spApi: spApi, lwa: StubAmazon.Lwa());

        var error = await Assert.ThrowsAsync<RpcException>(() => host.Client.SubmitAsync(Orders.Valid()));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("AMAZON_REJECTED", error.Reason());
        Assert.Contains("HTTP 400: InvalidInput (Amazon found a value of the request invalid)", error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Canary", error.Status.Detail, StringComparison.Ordinal);
        var amazon = error.GetRpcStatus()!.GetDetail<AmazonErrors>();
        Assert.Equal(400, amazon.HttpStatus);
        var only = Assert.Single(amazon.Errors);
        Assert.Equal("InvalidInput", only.Code);
        Assert.DoesNotContain("Canary", only.ToString(), StringComparison.Ordinal);
        // Any 400 is confirmed with getFulfillmentOrder before it counts as rejected.
        Assert.Equal(["create", "get"], SubmitOverStubTests.Kinds(spApi));
    }

    [Fact]
    public async Task A_bad_request_is_refused_field_by_field_without_calling_Amazon()
    {
        var spApi = StubSpApi.Create(StubSpApi.Created);
        var lwa = StubAmazon.Lwa();
        await using var host = await SubmitterHost.StartAsync(spApi: spApi, lwa: lwa);

        var error = await Assert.ThrowsAsync<RpcException>(() => host.Client.SubmitAsync(new SubmitFulfillmentOrderRequest { SellerFulfillmentOrderId = "x" }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("INVALID_REQUEST", error.Reason());
        var badRequest = error.GetRpcStatus()!.GetDetail<BadRequest>();
        Assert.Contains(badRequest.FieldViolations, v => v.Field == "destination_address");
        Assert.Contains(badRequest.FieldViolations, v => v.Field == "items");
        Assert.Equal(0, spApi.Count);
        Assert.Equal(1, lwa.Count); // the warm-up's exchange before the submitter was ready; none for the refused call
    }

    [Fact]
    public async Task An_expired_token_is_refreshed_once_and_the_call_retried()
    {
        var lwa = StubAmazon.Lwa();
        var spApi = StubSpApi.Create(n => n == 1 ? StubSpApi.Status(403, "Unauthorized", "The access token you provided has expired.") : StubSpApi.Ok());
        await using var host = await SubmitterHost.StartAsync(spApi: spApi, lwa: lwa);

        var answer = await host.Client.SubmitAsync(Orders.Valid());

        Assert.Equal(SubmitOutcome.Created, answer.Outcome);
        Assert.Equal(2, lwa.Count);
        Assert.Equal(["Atza|token-1", "Atza|token-2"], spApi.Seen.Select(r => r.Headers["x-amz-access-token"]));
    }

    [Fact]
    public async Task A_403_with_a_fresh_token_is_permission_denied_naming_the_fulfillment_role()
    {
        var spApi = StubSpApi.Create(_ => StubSpApi.Status(403, "Unauthorized", "Access to requested resource is denied."));
        await using var host = await SubmitterHost.StartAsync(spApi: spApi, lwa: StubAmazon.Lwa());

        var error = await Assert.ThrowsAsync<RpcException>(() => host.Client.SubmitAsync(Orders.Valid()));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("\"Amazon Fulfillment\" role", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(403, error.GetRpcStatus()!.GetDetail<AmazonErrors>().HttpStatus);
        Assert.Equal(2, spApi.Count);
    }

    [Fact]
    public async Task Invalid_grant_is_unauthenticated_with_the_operator_fix_and_no_Amazon_call()
    {
        var spApi = StubSpApi.Create(StubSpApi.Created);
        await using var host = await SubmitterHost.StartAsync(spApi: spApi, lwa: StubAmazon.LwaRefusing("invalid_grant"));

        var error = await Assert.ThrowsAsync<RpcException>(() => host.Client.SubmitAsync(Orders.Valid()));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("update sp-api:refreshToken", error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("dev-only-fake-refresh-token", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, spApi.Count);
    }

    [Fact]
    public async Task Lasting_5xx_ends_unavailable_at_the_deadline_and_every_create_retry_was_confirmed_first()
    {
        // The deadline leaves room for Login with Amazon, a create, its confirming get and a second create on a loaded
        // machine. The plan is roomy, so on a fast machine the retries never use up the burst and the deadline ends
        // in a backoff (UNAVAILABLE), not in a wait for capacity (RESOURCE_EXHAUSTED, tested on its own below).
        var spApi = StubSpApi.Create(_ => StubSpApi.Status(503, "ServiceUnavailable", "Temporary overloading or maintenance of the server."));
        await using var host = await SubmitterHost.StartAsync(
            new Dictionary<string, string>
            {
                ["SpApi:CallDeadline"] = "00:00:04",
                ["SpApi:CreateRate"] = "1000", ["SpApi:CreateBurst"] = "1000", ["SpApi:GetRate"] = "1000", ["SpApi:GetBurst"] = "1000",
            },
            spApi: spApi,
            lwa: StubAmazon.Lwa());

        var error = await Assert.ThrowsAsync<RpcException>(() => host.Client.SubmitAsync(Orders.Valid()));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.NotNull(error.RetryDelay());
        var kinds = SubmitOverStubTests.Kinds(spApi);
        Assert.True(kinds.Count(k => k == "create") >= 2, $"a create retry within the deadline: {string.Join(",", kinds)}");
        for (var i = 1; i < kinds.Length; i++)
        {
            Assert.False(kinds[i] == "create" && kinds[i - 1] == "create", $"two creates in a row at {i}: {string.Join(",", kinds)}");
        }
    }

    [Fact]
    public async Task Lasting_429_ends_resource_exhausted()
    {
        // The deadline leaves room for the first Login with Amazon call on a loaded machine; the 429s use up the rest.
        var spApi = StubSpApi.Create(_ => StubSpApi.Status(429, "QuotaExceeded", "You exceeded your quota for the requested resource."));
        await using var host = await SubmitterHost.StartAsync(new Dictionary<string, string> { ["SpApi:CallDeadline"] = "00:00:03" }, spApi: spApi, lwa: StubAmazon.Lwa());

        var error = await Assert.ThrowsAsync<RpcException>(() => host.Client.SubmitAsync(Orders.Valid()));

        Assert.True(StatusCode.ResourceExhausted == error.StatusCode, error.Status.Detail);
        Assert.Equal("THROTTLED", error.Reason());
        Assert.All(SubmitOverStubTests.Kinds(spApi), k => Assert.Equal("create", k));
    }
}
