using FbaMesh.WebhookGateway.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FbaMesh.WebhookGateway.Tests.Unit;

public sealed class SignatureSecretCacheTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-27T03:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly InMemorySecretReader _store = new("first-secret", "tenant-a");
    private readonly WebhookOptions _options = new()
    {
        SecretRefreshInterval = TimeSpan.FromMinutes(5),
        SecretRetryInterval = TimeSpan.FromSeconds(15),
    };

    private SignatureSecretCache Cache() =>
        new(_store, Options.Create(_options), _time, NullLogger<SignatureSecretCache>.Instance);

    [Fact]
    public async Task Reads_once_and_serves_from_memory_until_the_refresh_interval()
    {
        var cache = Cache();

        var keys = await cache.GetAsync(default);
        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => cache.GetAsync(default)));
        _time.Advance(TimeSpan.FromMinutes(4));
        await cache.GetAsync(default);

        Assert.Equal("first-secret", keys.Secret);
        Assert.Equal("tenant-a", keys.TenantIdentifier);
        Assert.Equal(1, _store.Reads);
    }

    [Fact]
    public async Task A_rotated_secret_is_picked_up_after_the_refresh_interval()
    {
        var cache = Cache();
        await cache.GetAsync(default);
        _store.Rotate("second-secret");

        _time.Advance(TimeSpan.FromMinutes(5));
        var keys = await cache.GetAsync(default);

        Assert.Equal("second-secret", keys.Secret);
        Assert.Equal(2, _store.Reads);
    }

    [Fact]
    public async Task A_signature_failure_rereads_at_most_once_per_retry_interval()
    {
        var cache = Cache();
        var used = await cache.GetAsync(default);
        _store.Rotate("second-secret", "tenant-a");

        var rotated = await cache.RefreshAfterFailureAsync(used, default);
        var flood = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => cache.RefreshAfterFailureAsync(used, default)));

        Assert.Equal("second-secret", rotated?.Secret);
        Assert.All(flood, Assert.Null);
        Assert.Equal(2, _store.Reads);

        _time.Advance(TimeSpan.FromSeconds(15));
        Assert.Null(await cache.RefreshAfterFailureAsync(rotated!, default)); // unchanged: nothing new to try
        Assert.Equal(3, _store.Reads);
    }

    [Fact]
    public async Task A_failing_store_keeps_the_last_good_secret_and_is_asked_again_only_after_the_retry_interval()
    {
        var cache = Cache();
        await cache.GetAsync(default);
        _store.Failing = true;
        _time.Advance(TimeSpan.FromMinutes(6));

        var stale = await cache.GetAsync(default);
        await cache.GetAsync(default);
        _time.Advance(TimeSpan.FromSeconds(16));
        await cache.GetAsync(default);

        Assert.Equal("first-secret", stale.Secret);
        Assert.Equal(3, _store.Reads);
    }

    [Fact]
    public async Task Without_any_secret_it_is_unavailable_and_does_not_hammer_the_store()
    {
        _store.Failing = true;
        var cache = Cache();

        await Assert.ThrowsAsync<SignatureSecretUnavailableException>(() => cache.GetAsync(default));
        for (var i = 0; i < 20; i++)
        {
            await Assert.ThrowsAsync<SignatureSecretUnavailableException>(() => cache.GetAsync(default));
        }

        Assert.Equal(1, _store.Reads);
        _store.Failing = false;
        _time.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal("first-secret", (await cache.GetAsync(default)).Secret);
    }

    [Fact]
    public async Task A_secret_without_signatureSecret_is_unavailable()
    {
        var cache = new SignatureSecretCache(
            new EmptySecret(), Options.Create(_options), _time, NullLogger<SignatureSecretCache>.Instance);

        await Assert.ThrowsAsync<SignatureSecretUnavailableException>(() => cache.GetAsync(default));
    }

    [Fact]
    public void Keys_never_print_the_secret()
    {
        var keys = new SignatureKeys("super-secret-value", "tenant-a");

        Assert.DoesNotContain("super-secret-value", keys.ToString(), StringComparison.Ordinal);
        Assert.Contains("tenant-a", keys.ToString(), StringComparison.Ordinal);
    }

    private sealed class EmptySecret : ICrystallizeSecretReader
    {
        public Task<IReadOnlyDictionary<string, string>> ReadAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string> { ["signatureSecret"] = " " });
    }
}
