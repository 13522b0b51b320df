using FbaMesh.DaprEmulator;
using FbaMesh.LoopbackPorts;
using FbaMesh.SpApiEmulator;
using FbaMesh.Testing;

namespace FbaMesh.FbaSubmitter.Tests.Support;

/// <summary>
/// N instances of the submitter, each on its own port with its own emulated sidecar (one app id, as
/// replicas on Kubernetes), sharing the sidecars' state store and so the SP-API usage plan.
/// </summary>
internal sealed class SubmitterReplicas : IAsyncDisposable
{
    private readonly DaprEmulatorHost dapr;
    private readonly List<SubmitterHost> replicas;

    private SubmitterReplicas(DaprEmulatorHost dapr, List<SubmitterHost> replicas) => (this.dapr, this.replicas) = (dapr, replicas);

    public IReadOnlyList<SubmitterHost> Replicas => replicas;

    public SubmitterHost this[int index] => replicas[index];

    /// <summary>What the replicas keep in the state store (key, value as text).</summary>
    public IReadOnlyList<(string Store, string Key, string Value)> StoredState() => dapr.StoredState();

    public static async Task<SubmitterReplicas> StartAsync(int count, SpApiEmulatorApp amazon, params (string Key, string Value)[] settings)
    {
        var ports = Enumerable.Range(0, count).Select(_ => FreeTcpPort.Next()).ToList();
        var dapr = await DaprEmulatorHost.StartAsync(ports.Select(p => Sidecar.ForSubmitter(p)));
        var started = new List<SubmitterHost>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var all = AmazonEmulator.SettingsFor(amazon, [("SharedPacing:Enabled", "true"), .. settings]);
                started.Add(await SubmitterHost.StartAsync(dapr.Sidecars[i].Settings(all), port: ports[i]));
            }

            return new SubmitterReplicas(dapr, started);
        }
        catch
        {
            foreach (var replica in started)
            {
                await replica.DisposeAsync();
            }

            await dapr.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in replicas)
        {
            await replica.DisposeAsync();
        }

        await dapr.DisposeAsync();
    }
}
