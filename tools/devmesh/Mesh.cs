using System.Net;
using System.Net.Http.Json;
using FbaMesh.CrystallizeEmulator;
using FbaMesh.DaprEmulator;
using FbaMesh.DevMesh.Hosting;
using FbaMesh.SpApiEmulator;

namespace FbaMesh.DevMesh;

/// <summary>
/// The whole local mesh: the upstream emulators and the emulated sidecars in this process, the three
/// services as supervised child processes. Disposing it stops everything; no child outlives it.
/// </summary>
public sealed class Mesh : IAsyncDisposable
{
    private readonly MeshParts parts;
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private int disposed;

    private Mesh(MeshParts parts)
    {
        this.parts = parts;
        AppDomain.CurrentDomain.ProcessExit += KillChildrenOnExit;
    }

    /// <summary>Unexpected exits and restarts of services, for live display.</summary>
    public event EventHandler<ServiceEvent>? ServiceChanged;

    /// <summary>The emulated sidecars (publish log, per-app endpoints). Not there with a <see cref="MeshOptions.SidecarRuntime"/>.</summary>
    public DaprEmulatorHost Sidecars => parts.Emulator
        ?? throw new InvalidOperationException("This mesh runs on MeshOptions.SidecarRuntime, not on the emulated sidecars.");

    public CrystallizeEmulatorApp? Crystallize => parts.Crystallize;

    public SpApiEmulatorApp? SpApi => parts.SpApi;

    public MeshEndpoints Endpoints => parts.Endpoints();

    /// <summary>Starts everything and returns once every service answers /readyz.</summary>
    public static async Task<Mesh> StartAsync(
        MeshOptions options, IProgress<MeshStartProgress>? progress = null, CancellationToken ct = default)
    {
        var parts = await MeshParts.StartAsync(options, progress ?? new Progress<MeshStartProgress>(), ct);
        var mesh = new Mesh(parts);
        foreach (var service in parts.Services.Values)
        {
            service.Changed += (_, e) => mesh.ServiceChanged?.Invoke(mesh, e);
        }

        return mesh;
    }

    /// <summary>
    /// SIGKILL one instance's process tree (an app id names the first instance, app-id#N another); it
    /// stays down until <see cref="RestartAsync"/>. Its sidecar stays up, as daprd in a pod whose app crashed.
    /// </summary>
    public Task KillAsync(string instance) => Service(instance).KillAsync();

    /// <summary>Stops the instance if it runs, starts it again and waits until it is ready.</summary>
    public Task RestartAsync(string instance) => Service(instance).RestartAsync(CancellationToken.None);

    public Task RestartAsync(string instance, CancellationToken ct) => Service(instance).RestartAsync(ct);

    /// <summary>The names of every instance of an app id, first instance first.</summary>
    public IReadOnlyList<string> InstancesOf(string appId) =>
        [.. parts.Services.Values.Where(s => s.Definition.AppId == appId).Select(s => s.Definition.Instance)];

    /// <summary>The endpoints key of the instance a name means (app-id#1 is the first instance); null when none.</summary>
    public string? ResolveInstance(string name)
    {
        var key = name.EndsWith("#1", StringComparison.Ordinal) ? name[..^2] : name;
        return parts.Services.ContainsKey(key) ? key : null;
    }

    /// <summary>The order as the enricher records it; null while it has never heard of it.</summary>
    public async Task<OrderProgress?> GetOrderAsync(string orderId, CancellationToken ct = default)
    {
        var url = new Uri(Service("order-enricher").Definition.AppUrl, $"/api/orders/{Uri.EscapeDataString(orderId)}");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (parts.OperatorToken is { } token)
        {
            // The operator API answers only the operator token (secret operator, key token).
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<OrderProgress>(MeshEndpoints.Json, ct);
    }

    /// <summary>Waits until the order is Submitted, Skipped or Failed; the timeout is a ceiling, not a measure.</summary>
    public async Task<OrderProgress> WaitForSettledAsync(string orderId, TimeSpan timeout, CancellationToken ct = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        OrderProgress? last = null;
        try
        {
            while (true)
            {
                last = await TryGetOrderAsync(orderId, deadline.Token) ?? last;
                if (last is { IsSettled: true })
                {
                    return last;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"Order {orderId} did not settle within {timeout.TotalSeconds:0} s; last seen: {last?.ToString() ?? "never"}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= KillChildrenOnExit;
        await parts.DisposeAsync();
        http.Dispose();
    }

    private async Task<OrderProgress?> TryGetOrderAsync(string orderId, CancellationToken ct)
    {
        try
        {
            return await GetOrderAsync(orderId, ct);
        }
        catch (HttpRequestException)
        {
            // The enricher may be restarting (a failure drill); keep asking until the deadline.
            return null;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            // One answer slower than the client's timeout is not the end of the wait; the deadline is.
            return null;
        }
    }

    private SupervisedService Service(string instance) =>
        ResolveInstance(instance) is { } key
            ? parts.Services[key]
            : throw new ArgumentException($"No app instance '{instance}' in the mesh; instances: {string.Join(", ", parts.Services.Keys)}.", nameof(instance));

    private void KillChildrenOnExit(object? sender, EventArgs e) => parts.KillChildrenNow();
}
