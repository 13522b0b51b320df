using FbaMesh.FbaSubmitter.Amazon;
using FbaMesh.FbaSubmitter.Credentials;
using FbaMesh.FbaSubmitter.Failures;
using FbaMesh.FbaSubmitter.Tests.Support;
using FbaMesh.Testing;
using Grpc.Core;

namespace FbaMesh.FbaSubmitter.Tests.Unit;

public class LwaTokenClientTests
{
    [Fact]
    public async Task Exchanges_the_refresh_token_with_the_form_LWA_expects()
    {
        var lwa = StubAmazon.Lwa();
        var parts = new Parts(lwa);

        var token = await parts.Lwa.GetAsync(CancellationToken.None);

        Assert.Equal("Atza|token-1", token.Value);
        var seen = Assert.Single(lwa.Seen);
        Assert.Equal(HttpMethod.Post, seen.Method);
        Assert.Equal("http://lwa.invalid/auth/o2/token", seen.Uri.ToString());
        Assert.StartsWith("application/x-www-form-urlencoded", seen.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal(
            "grant_type=refresh_token&refresh_token=refresh-token-value&client_id=client-id&client_secret=client-secret",
            seen.Body);
    }

    [Fact]
    public async Task Caches_the_token_until_the_refresh_margin_before_expiry()
    {
        var lwa = StubAmazon.Lwa(expiresIn: 3600);
        var parts = new Parts(lwa);

        var first = await parts.Lwa.GetAsync(CancellationToken.None);
        parts.FakeTime.Advance(TimeSpan.FromSeconds(3600 - 61));
        var stillCached = await parts.Lwa.GetAsync(CancellationToken.None);
        parts.FakeTime.Advance(TimeSpan.FromSeconds(2));
        var refreshed = await parts.Lwa.GetAsync(CancellationToken.None);

        Assert.Same(first, stillCached);
        Assert.NotEqual(first.Value, refreshed.Value);
        Assert.Equal(2, lwa.Count);
    }

    [Fact]
    public async Task Concurrent_callers_share_one_refresh()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lwa = new StubHttp(async (_, n) =>
        {
            await release.Task;
            return StubHttp.Json(200, $$"""{"access_token":"Atza|shared-{{n}}","expires_in":3600}""");
        });
        var parts = new Parts(lwa);

        var callers = Enumerable.Range(0, 50).Select(_ => Task.Run(() => parts.Lwa.GetAsync(CancellationToken.None))).ToArray();
        await Eventually.UntilAsync(() => lwa.Count == 1, "the first exchange to start");
        release.SetResult();
        var tokens = await Task.WhenAll(callers);

        Assert.Equal(1, lwa.Count);
        Assert.All(tokens, t => Assert.Equal("Atza|shared-1", t.Value));
    }

    [Fact]
    public async Task Invalidating_the_current_token_forces_one_new_exchange()
    {
        var lwa = StubAmazon.Lwa();
        var parts = new Parts(lwa);
        var stale = await parts.Lwa.GetAsync(CancellationToken.None);

        parts.Lwa.Invalidate(stale);
        var fresh = await parts.Lwa.GetAsync(CancellationToken.None);
        parts.Lwa.Invalidate(stale); // a late caller with the old token must not drop the new one
        var again = await parts.Lwa.GetAsync(CancellationToken.None);

        Assert.NotEqual(stale.Value, fresh.Value);
        Assert.Same(fresh, again);
        Assert.Equal(2, lwa.Count);
    }

    [Fact]
    public async Task Invalid_grant_is_a_permanent_refusal_that_tells_the_operator_what_to_update()
    {
        var parts = new Parts(StubAmazon.LwaRefusing("invalid_grant"));

        var refusal = await Assert.ThrowsAsync<LwaRefusedException>(() => parts.Lwa.GetAsync(CancellationToken.None));

        Assert.Contains("revoked or belongs to another app", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("update sp-api:refreshToken", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("refresh-token-value", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_client_names_the_client_keys()
    {
        var parts = new Parts(StubAmazon.LwaRefusing("invalid_client", 401));

        var refusal = await Assert.ThrowsAsync<LwaRefusedException>(() => parts.Lwa.GetAsync(CancellationToken.None));

        Assert.Contains("sp-api:lwaClientId", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("client-secret", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_5xx_from_LWA_is_transient_and_the_next_call_tries_again()
    {
        var lwa = new StubHttp((_, n) => Task.FromResult(n == 1
            ? StubHttp.Json(503, "{}")
            : StubHttp.Json(200, """{"access_token":"Atza|after-outage","expires_in":3600}""")));
        var parts = new Parts(lwa);

        await Assert.ThrowsAsync<LwaUnavailableException>(() => parts.Lwa.GetAsync(CancellationToken.None));
        var token = await parts.Lwa.GetAsync(CancellationToken.None);

        Assert.Equal("Atza|after-outage", token.Value);
    }

    [Fact]
    public async Task Without_credentials_it_answers_failed_precondition_with_the_reason()
    {
        var lwa = StubAmazon.Lwa();
        var parts = new Parts(lwa);
        var empty = Parts.CredentialsFrom(new StubSecrets(null), parts.Options, parts.Time);
        var client = new LwaTokenClient(new SingleClientFactory(lwa), empty, Microsoft.Extensions.Options.Options.Create(parts.Options),
            parts.Time, parts.Metrics, Microsoft.Extensions.Logging.Abstractions.NullLogger<LwaTokenClient>.Instance);

        var failure = await Assert.ThrowsAsync<SpApiFailure>(() => client.GetAsync(CancellationToken.None));

        Assert.Equal(StatusCode.FailedPrecondition, failure.Code);
        Assert.Contains("not loaded", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, lwa.Count);
    }

    [Fact]
    public async Task Rotated_credentials_retire_the_cached_token()
    {
        var lwa = StubAmazon.Lwa();
        var parts = new Parts(lwa);
        var before = await parts.Lwa.GetAsync(CancellationToken.None);

        await parts.RotateAsync("rotated-refresh-token");
        var after = await parts.Lwa.GetAsync(CancellationToken.None);

        Assert.NotEqual(before.Value, after.Value);
        Assert.Contains("rotated-refresh-token", lwa.Seen.Last().Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Tokens_and_credentials_never_print_their_values()
    {
        var credentials = new SpApiCredentials("client-id", "client-secret", "refresh-token-value");
        var token = new AccessToken("Atza|secret", DateTimeOffset.UnixEpoch, credentials);

        Assert.DoesNotContain("client-secret", credentials.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("refresh-token-value", credentials.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("refresh-token-value", token.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("client-secret", token.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Atza", token.ToString(), StringComparison.Ordinal);
    }

    private sealed class SingleClientFactory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }
}
