using FbaMesh.CrystallizeEmulator;
using FbaMesh.DaprEmulator;
using FbaMesh.DevMesh.Processes;
using FbaMesh.SpApiEmulator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FbaMesh.DevMesh.Hosting;

/// <summary>
/// Starts the parts in dependency order (upstream emulators, sidecars, then the services side by
/// side) and tears down whatever did start when a later part fails.
/// </summary>
internal sealed class MeshParts : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> owned = [];
    private readonly HttpClient probeHttp = new();

    private MeshParts()
    {
    }

    /// <summary>The emulated sidecars; null when <see cref="MeshOptions.SidecarRuntime"/> provides them.</summary>
    public DaprEmulatorHost? Emulator { get; private set; }

    public CrystallizeEmulatorApp? Crystallize { get; private set; }

    public SpApiEmulatorApp? SpApi { get; private set; }

    public Dictionary<string, SupervisedService> Services { get; } = new(StringComparer.Ordinal);

    /// <summary>The sidecars as this mesh runs them (ports, tokens, binding feeds); set once planned.</summary>
    public SidecarPlan? Plan { get; private set; }

    /// <summary>This run's operator credential (secret operator:token in the sidecars' secret store).</summary>
    public string? OperatorToken { get; private set; }

    public static async Task<MeshParts> StartAsync(MeshOptions options, IProgress<MeshStartProgress> progress, CancellationToken ct)
    {
        var parts = new MeshParts();
        try
        {
            await parts.StartAllAsync(options, progress, ct);
            return parts;
        }
        catch
        {
            await parts.DisposeAsync();
            throw;
        }
    }

    public MeshEndpoints Endpoints() => MeshEndpointsBuilder.Build(this);

    public void KillChildrenNow()
    {
        foreach (var service in Services.Values)
        {
            service.KillNow();
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Services first (they call the sidecars), then sidecars, then the upstream emulators.
        await Task.WhenAll(Services.Values.Select(s => s.DisposeAsync().AsTask()));
        for (var i = owned.Count - 1; i >= 0; i--)
        {
            await owned[i].DisposeAsync();
        }

        probeHttp.Dispose();
    }

    private async Task StartAllAsync(MeshOptions options, IProgress<MeshStartProgress> progress, CancellationToken ct)
    {
        var logging = options.Logging ?? NullLoggerFactory.Instance;
        var ports = new PortPlan(options.UseFreePorts);
        var secrets = MeshSecrets.Load(options.ResolvedSecretsFile);

        if (options.UseCrystallizeEmulator)
        {
            Crystallize = await StepAsync(progress, "crystallize-emulator",
                () => UpstreamEmulators.StartCrystallizeAsync(options, secrets, ports), a => a.BaseAddress.ToString());
        }

        // The sidecars' ports are planned before the SP-API emulator starts, so that it can be given a
        // queue binding's feed URL (Plan.BindingFeeds) to post its notifications to.
        var plan = SidecarPlan.Create(options, secrets, ports);
        Plan = plan;
        OperatorToken = plan.OperatorToken;
        if (options.UseSpApiEmulator)
        {
            SpApi = await StepAsync(progress, "spapi-emulator",
                () => UpstreamEmulators.StartSpApiAsync(options, secrets, ports), a => a.BaseAddress.ToString());
        }

        if (plan.Overlay is { } overlay)
        {
            owned.Add(new DisposeOnce(overlay.Dispose));
        }

        var names = string.Join(", ", plan.Sidecars.Select(s => s.AppId));
        IReadOnlyList<DaprEmulator.SidecarOptions> sidecars = plan.Sidecars;
        if (options.SidecarRuntime is { } runtime)
        {
            sidecars = await StepAsync(progress, "sidecars", () => runtime.StartAsync(plan.Sidecars, ct), _ => names);
        }
        else
        {
            Emulator = await StepAsync(progress, "sidecars", () => DaprEmulatorHost.StartAsync(plan.Sidecars, logging, ct), _ => names);
        }

        var logger = logging.CreateLogger("FbaMesh.DevMesh");
        var probe = new ReadinessProbe(probeHttp);
        var upstreams = new UpstreamUrls(Crystallize?.OrderApiUrl, SpApi?.BaseAddress, SpApi?.TokenEndpoint);
        foreach (var sidecar in sidecars.Where(s => s.AppPort is not null))
        {
            var definition = ServiceEnvironment.Define(sidecar, options, upstreams);
            Services[sidecar.AppId] = new SupervisedService(
                definition, new ServiceLog(options.ResolvedLogDirectory, sidecar.AppId), probe, options, logger);
        }

        await Task.WhenAll(Services.Values.Select(s =>
            StepAsync(progress, s.Definition.AppId, async () => { await s.StartAsync(ct); return s; }, x => x.Definition.AppUrl.ToString())));

        // Ready apps are not enough: an event published before the enricher's sidecar has read its
        // subscriptions would find no subscriber. The mesh is up once every sidecar has read them.
        if (Emulator is { } emulator)
        {
            await StepAsync(progress, "subscriptions", async () =>
            {
                await Task.WhenAll(emulator.Sidecars.Select(s => s.SubscriptionsDiscovered)).WaitAsync(options.ReadyTimeout, ct);
                return emulator.Sidecars.Count;
            }, count => $"read by {count} sidecars");
        }
    }

    private async Task<T> StepAsync<T>(IProgress<MeshStartProgress> progress, string part, Func<Task<T>> start, Func<T, string> describe)
    {
        progress.Report(new MeshStartProgress(part, MeshStartStage.Starting));
        try
        {
            var result = await start();
            if (result is IAsyncDisposable disposable && result is not SupervisedService)
            {
                owned.Add(disposable);
            }

            progress.Report(new MeshStartProgress(part, MeshStartStage.Ready, describe(result)));
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            progress.Report(new MeshStartProgress(part, MeshStartStage.Failed, ex.Message));
            throw ex as MeshStartException ?? new MeshStartException($"{part} failed to start: {ex.Message}", ex);
        }
    }

    private sealed class DisposeOnce(Action dispose) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            dispose();
            return ValueTask.CompletedTask;
        }
    }
}
