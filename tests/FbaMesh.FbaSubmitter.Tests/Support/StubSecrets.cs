using FbaMesh.ServiceDefaults.Secrets;

namespace FbaMesh.FbaSubmitter.Tests.Support;

/// <summary>A secret store whose content a test changes while the app runs.</summary>
public sealed class StubSecrets : ISecretSource
{
    public static readonly Dictionary<string, string> DevSecret = new()
    {
        ["lwaClientId"] = "dev-only-fake-lwa-client-id",
        ["lwaClientSecret"] = "dev-only-fake-lwa-client-secret",
        ["refreshToken"] = "dev-only-fake-refresh-token",
    };

    private volatile Dictionary<string, string>? secret;

    public StubSecrets(Dictionary<string, string>? secret = null) => this.secret = secret;

    private int reads;

    public int Reads => Volatile.Read(ref reads);

    public void Set(Dictionary<string, string>? secret) => this.secret = secret;

    /// <summary>Reads wait for this task: a store that answers late.</summary>
    public Task Gate { get; set; } = Task.CompletedTask;

    public async Task<IReadOnlyDictionary<string, string>> GetAsync(string store, string name, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref reads);
        await Gate.WaitAsync(cancellationToken);
        return this.secret ?? throw new InvalidOperationException($"secret '{name}' not found in store '{store}'");
    }
}
