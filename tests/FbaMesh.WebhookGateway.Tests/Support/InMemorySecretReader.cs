using FbaMesh.ServiceDefaults.Secrets;

namespace FbaMesh.WebhookGateway.Tests.Support;

/// <summary>The "crystallize-webhook" secret without a sidecar: tests rotate it, break it and count the reads.</summary>
public sealed class InMemorySecretReader : ISecretSource
{
    private volatile IReadOnlyDictionary<string, string> values;

    public InMemorySecretReader(string signatureSecret, string? tenantIdentifier = null) =>
        this.values = Values(signatureSecret, tenantIdentifier);

    public int Reads;

    /// <summary>What a failing read throws; no answer or probe may repeat it.</summary>
    public const string FailureMessage = "secret store is down";

    public bool Failing { get; set; }

    public void Rotate(string signatureSecret, string? tenantIdentifier = null) => this.values = Values(signatureSecret, tenantIdentifier);

    public Task<IReadOnlyDictionary<string, string>> GetAsync(string store, string name, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Reads);
        return Failing
            ? Task.FromException<IReadOnlyDictionary<string, string>>(new InvalidOperationException(FailureMessage))
            : Task.FromResult(this.values);
    }

    private static Dictionary<string, string> Values(string secret, string? tenant)
    {
        var values = new Dictionary<string, string> { ["signatureSecret"] = secret };
        if (tenant is not null)
        {
            values["tenantIdentifier"] = tenant;
        }

        return values;
    }
}
