using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.FbaSubmitter.Tests.Support;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;

namespace FbaMesh.FbaSubmitter.Tests.Emulated;

public class CredentialTests
{
    [Fact]
    public async Task An_access_token_that_expires_mid_run_is_refreshed_and_the_submit_succeeds()
    {
        var amazonClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var amazon = await AmazonEmulator.StartAsync(o =>
        {
            o.Time = amazonClock;
            o.AccessTokenLifetime = TimeSpan.FromMinutes(10);
        });
        await using var submitter = await SubmitterHost.StartAsync(AmazonEmulator.SettingsFor(amazon));

        var before = await submitter.Client.SubmitAsync(Orders.Valid());
        // Amazon's clock runs ahead of ours: it has expired the token the submitter still holds as good.
        amazonClock.Advance(TimeSpan.FromMinutes(11));
        var after = await submitter.Client.SubmitAsync(Orders.Valid());

        Assert.Equal(SubmitOutcome.Created, before.Outcome);
        Assert.Equal(SubmitOutcome.Created, after.Outcome);
        Assert.Equal(1, amazon.Stats.Forbidden);
        Assert.Equal(2, amazon.Stats.Creates);
    }

    [Fact]
    public async Task A_refresh_token_LWA_does_not_know_is_unauthenticated_with_the_fix()
    {
        await using var amazon = await AmazonEmulator.StartAsync(o => o.RefreshTokens = ["a-token-of-another-app"]);
        await using var submitter = await SubmitterHost.StartAsync(AmazonEmulator.SettingsFor(amazon));

        var error = await Assert.ThrowsAsync<RpcException>(() => submitter.Client.SubmitAsync(Orders.Valid()));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal("LWA_REFUSED", error.Reason());
        Assert.Null(error.RetryDelay());
        Assert.Contains("invalid_grant", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("update sp-api:refreshToken", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, amazon.Stats.Creates);
    }

    [Fact]
    public async Task A_missing_Amazon_Fulfillment_role_is_permission_denied()
    {
        await using var amazon = await AmazonEmulator.StartAsync(o => o.MissingFulfillmentRole = true);
        await using var submitter = await SubmitterHost.StartAsync(AmazonEmulator.SettingsFor(amazon));

        var error = await Assert.ThrowsAsync<RpcException>(() => submitter.Client.SubmitAsync(Orders.Valid()));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("Amazon Fulfillment", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("FULFILLMENT_ROLE_MISSING", error.Reason());
        Assert.Equal(0, amazon.Stats.Creates);
    }

    [Fact]
    public async Task Without_the_secret_calls_answer_failed_precondition_and_fixing_it_heals_without_restart()
    {
        await using var amazon = await AmazonEmulator.StartAsync();
        var secrets = new StubSecrets(null);
        await using var submitter = await SubmitterHost.StartAsync(AmazonEmulator.SettingsFor(amazon), secrets, waitForCredentials: false);
        // The stub counts a read when it starts; the reader records the failure after it: wait for that.
        await FbaMesh.Testing.Eventually.UntilAsync(
            () => secrets.Reads > 0 && submitter.Credentials.Problem?.Contains("Could not read secret", StringComparison.Ordinal) == true, "the first secret read to fail");

        var error = await Assert.ThrowsAsync<RpcException>(() => submitter.Client.SubmitAsync(Orders.Valid()));
        secrets.Set(new Dictionary<string, string>(StubSecrets.DevSecret) { ["awsAccessKeyId"] = "AKIA-ignored" });
        await FbaMesh.Testing.Eventually.UntilAsync(() => submitter.Credentials.Current is not null, "the credentials to load on retry");
        var answer = await submitter.Client.SubmitAsync(Orders.Valid());

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("Could not read secret 'sp-api'", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("CREDENTIALS_NOT_LOADED", error.Reason());
        Assert.Equal(TimeSpan.FromMilliseconds(100), error.RetryDelay());
        Assert.Equal(SubmitOutcome.Created, answer.Outcome);
    }

    [Fact]
    public async Task A_secret_without_the_LWA_keys_names_the_keys_to_add()
    {
        var secrets = new StubSecrets(new Dictionary<string, string> { ["lwaClientId"] = "id" });
        await using var submitter = await SubmitterHost.StartAsync(secrets: secrets, waitForCredentials: false);
        await FbaMesh.Testing.Eventually.UntilAsync(() => secrets.Reads > 0 && submitter.Credentials.Problem?.Contains("lacks", StringComparison.Ordinal) == true, "the secret to be read");

        var error = await Assert.ThrowsAsync<RpcException>(() => submitter.Client.SubmitAsync(Orders.Valid()));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("add sp-api:lwaClientSecret, sp-api:refreshToken", error.Status.Detail, StringComparison.Ordinal);
    }
}
