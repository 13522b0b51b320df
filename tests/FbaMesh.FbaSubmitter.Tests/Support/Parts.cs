using System.Diagnostics.Metrics;
using FbaMesh.FbaSubmitter.Amazon;
using FbaMesh.FbaSubmitter.Configuration;
using FbaMesh.FbaSubmitter.Credentials;
using FbaMesh.FbaSubmitter.Observability;
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
        Credentials.Set(new SpApiCredentials("client-id", "client-secret", "refresh-token-value"));
        Lwa = new LwaTokenClient(new StubHttpClientFactory(lwa), Credentials, Microsoft.Extensions.Options.Options.Create(Options), Time, Metrics, NullLogger<LwaTokenClient>.Instance);
    }

    public static IMeterFactory MeterFactory { get; } = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    public SpApiOptions Options { get; }

    public TimeProvider Time { get; }

    public CredentialStore Credentials { get; } = new();

    public SubmitterMetrics Metrics { get; } = new(MeterFactory);

    public LwaTokenClient Lwa { get; }

    public FakeTimeProvider FakeTime => (FakeTimeProvider)Time;

    private sealed class StubHttpClientFactory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }
}
