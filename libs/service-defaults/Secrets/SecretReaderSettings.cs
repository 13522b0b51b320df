namespace FbaMesh.ServiceDefaults.Secrets;

/// <summary>Which secret to read and how often.</summary>
/// <param name="Store">The Dapr secret store (fbamesh-secrets).</param>
/// <param name="Name">The secret, one per reader (DESIGN §4).</param>
/// <param name="RefreshInterval">A value this old is read again, so a rotation is picked up without a restart.</param>
/// <param name="RetryInterval">
/// After a failed read, and between forced re-reads, the store is not asked again sooner: neither a flood
/// of forged webhooks nor a secret store outage turns into a flood of secret store calls.
/// </param>
/// <param name="ReadTimeout">One read; a hung sidecar counts as a failed read past it.</param>
public sealed record SecretReaderSettings(string Store, string Name, TimeSpan RefreshInterval, TimeSpan RetryInterval, TimeSpan ReadTimeout)
{
    public static readonly TimeSpan DefaultRefreshInterval = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan DefaultRetryInterval = TimeSpan.FromSeconds(15);

    public static readonly TimeSpan DefaultReadTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The settings of a service's options, with the read bounded by <paramref name="readTimeout"/>.</summary>
    public static SecretReaderSettings For(ISecretLocation location, TimeSpan readTimeout)
    {
        ArgumentNullException.ThrowIfNull(location);
        return new(location.SecretStore, location.SecretName, location.SecretRefreshInterval, location.SecretRetryInterval, readTimeout);
    }
}

/// <summary>What a service made of the secret's keys: its value, or a sentence an operator can act on.</summary>
public readonly record struct SecretParse<T>(T? Value, string? Problem)
    where T : class
{
    public static SecretParse<T> Found(T value) => new(value, null);

    public static SecretParse<T> Missing(string problem) => new(null, problem);
}

/// <summary>No value has ever been read (or the secret is incomplete). Message: what is wrong, never a value.</summary>
public sealed class SecretUnavailableException(string message, bool incomplete) : Exception(message)
{
    /// <summary>The secret was read but lacks a key: retrying will not help until someone fixes it.</summary>
    public bool Incomplete { get; } = incomplete;
}
