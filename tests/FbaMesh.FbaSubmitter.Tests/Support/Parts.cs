using System.Diagnostics.Metrics;
using FbaMesh.FbaSubmitter.Amazon;
using FbaMesh.FbaSubmitter.Configuration;
using FbaMesh.FbaSubmitter.Credentials;
using FbaMesh.FbaSubmitter.Observability;
using FbaMesh.ServiceDefaults.Secrets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FbaMesh.FbaSubmitter.Tests.Support;

/// <summary>The submitter's pieces wired by hand around stub handlers, for unit tests.</summary>
internal sealed class Parts
{
    public Parts(HttpMessageHandler lwa, SpApiOptions? options = null, TimeProvider? time = null)
    {
        Options = options ?? new SpApiOptions { TokenEndpointOverride = new Uri("http://lwa.invalid/auth/o2/token") };
        Time = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        Credentials = CredentialsFrom(Secrets, Options, Time);
        Credentials.GetAsync(CancellationToken.None).GetAwaiter().GetResult(); // the stub answers at once
        Lwa = new LwaTokenClient(new StubHttpClientFactory(lwa), Credentials, Microsoft.Extensions.Options.Options.Create(Options), Time, Metrics, NullLogger<LwaTokenClient>.Instance);
    }

    public static IMeterFactory MeterFactory { get; } = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    public SpApiOptions Options { get; }

    public TimeProvider Time { get; }

    /// <summary>The sp-api secret the credentials are read from; a test rotates it with <see cref="RotateAsync"/>.</summary>
    public StubSecrets Secrets { get; } = new(new Dictionary<string, string>
    {
        ["lwaClientId"] = "client-id", ["lwaClientSecret"] = "client-secret", ["refreshToken"] = "refresh-token-value",
    });

    public SecretReader<SpApiCredentials> Credentials { get; }

    public SubmitterMetrics Metrics { get; } = new(MeterFactory);

    public LwaTokenClient Lwa { get; }

    public FakeTimeProvider FakeTime => (FakeTimeProvider)Time;

    public static SecretReader<SpApiCredentials> CredentialsFrom(ISecretSource source, SpApiOptions options, TimeProvider time) =>
        new(source, new SpApiSecret(Microsoft.Extensions.Options.Options.Create(options), NullLogger<SpApiSecret>.Instance), time, NullLogger<SecretReader<SpApiCredentials>>.Instance);

    /// <summary>A new refresh token in the store, read at once (as after a refused token).</summary>
    public async Task RotateAsync(string refreshToken)
    {
        var used = Credentials.Current!;
        Secrets.Set(new Dictionary<string, string> { ["lwaClientId"] = "client-id", ["lwaClientSecret"] = "client-secret", ["refreshToken"] = refreshToken });
        await Credentials.RefreshNowAsync(used, CancellationToken.None);
    }

    private sealed class StubHttpClientFactory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }
}
