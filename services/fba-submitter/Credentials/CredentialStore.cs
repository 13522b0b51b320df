namespace FbaMesh.FbaSubmitter.Credentials;

/// <summary>
/// The credentials this process currently holds, or why it holds none. Calls that need Amazon read it;
/// the loader writes it; readiness reports it.
/// </summary>
internal sealed class CredentialStore
{
    private volatile Snapshot _current = new(null, "SP-API credentials have not been loaded yet from the Dapr secret store.");

    public SpApiCredentials? Current => _current.Credentials;

    public string? Problem => _current.Problem;

    internal void Set(SpApiCredentials credentials) => _current = new(credentials, null);

    /// <summary>A failed reload keeps credentials that worked: a flapping sidecar must not stop submits.</summary>
    internal void Fail(string problem, bool keepLoaded)
    {
        _current = keepLoaded && _current.Credentials is { } loaded ? new(loaded, null) : new(null, problem);
    }

    private sealed record Snapshot(SpApiCredentials? Credentials, string? Problem);
}
