using FbaMesh.ServiceDefaults.Secrets;
using FbaMesh.WebhookGateway.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FbaMesh.WebhookGateway.Tests.Unit;

public sealed class SignatureSecretTests
{
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-11-27T03:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly InMemorySecretReader store = new("first-secret", "tenant-a");
    private readonly WebhookOptions options = new()
    {
        SecretRefreshInterval = TimeSpan.FromMinutes(5),
        SecretRetryInterval = TimeSpan.FromSeconds(15),
    };

    private SecretReader<SignatureKeys> Reader(ISecretSource? source = null) =>
        new(source ?? store, new SignatureSecret(Options.Create(options)), time, NullLogger<SecretReader<SignatureKeys>>.Instance);

    [Fact]
    public void The_gateway_reads_its_own_secret_with_its_intervals()
    {
        var settings = new SignatureSecret(Options.Create(options)).Settings;

        Assert.Equal(("fbamesh-secrets", "crystallize-webhook"), (settings.Store, settings.Name));
        Assert.Equal((TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(15), options.PublishTimeout), (settings.RefreshInterval, settings.RetryInterval, settings.ReadTimeout));
    }

    [Fact]
    public async Task Reads_the_signature_secret_and_tenant_identifier()
    {
        var keys = await Reader().GetAsync(default);

        Assert.Equal("first-secret", keys.Secret);
        Assert.Equal("tenant-a", keys.TenantIdentifier);
    }

    [Fact]
    public async Task A_signature_failure_rereads_at_most_once_per_retry_interval()
    {
        var reader = Reader();
        var used = await reader.GetAsync(default);
        store.Rotate("second-secret", "tenant-a");

        var rotated = await reader.RefreshNowAsync(used, default);
        var flood = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => reader.RefreshNowAsync(used, default)));

        Assert.Equal("second-secret", rotated?.Secret);
        Assert.All(flood, Assert.Null);
        Assert.Equal(2, store.Reads);
    }

    [Fact]
    public async Task A_secret_without_signatureSecret_is_unavailable_and_says_which_key()
    {
        var empty = new InMemorySecretReader(" ");

        var missing = await Assert.ThrowsAsync<SecretUnavailableException>(() => Reader(empty).GetAsync(default));

        Assert.True(missing.Incomplete);
        Assert.Contains("'crystallize-webhook'", missing.Message, StringComparison.Ordinal);
        Assert.Contains("'signatureSecret'", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_never_print_the_secret()
    {
        var keys = new SignatureKeys("super-secret-value", "tenant-a");

        Assert.DoesNotContain("super-secret-value", keys.ToString(), StringComparison.Ordinal);
        Assert.Contains("tenant-a", keys.ToString(), StringComparison.Ordinal);
    }
}
