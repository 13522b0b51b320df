using Microsoft.Extensions.Logging;

namespace FbaMesh.DaprEmulator.Bindings;

/// <summary>
/// The input bindings of one sidecar: read from its components at construction (an invalid one fails the
/// start), started once the sidecar serves (probe each, then read those the app listens for), stopped
/// with the sidecar. A queue binding's messages stay in the shared queue whatever this sidecar does.
/// </summary>
internal sealed partial class SidecarBindings
{
    private readonly EmulatedSidecar sidecar;
    private readonly SharedBindings shared;
    private readonly CancellationTokenSource stopped = new();
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> reading = [];

    public SidecarBindings(EmulatedSidecar sidecar, SharedBindings shared)
    {
        (this.sidecar, this.shared) = (sidecar, shared);
        All = [.. sidecar.Resources.Components.Where(c => InputBinding.Types.Contains(c.Type)).Select(InputBinding.From)];
    }

    public IReadOnlyList<InputBinding> All { get; }

    /// <summary>Completes once every input binding was probed and those the app listens for are being read.</summary>
    public Task Ready => ready.Task;

    /// <summary>The bindings this sidecar reads (their probe said the app listens, or their direction says input).</summary>
    public IReadOnlyList<string> Reading
    {
        get
        {
            lock (reading)
            {
                return [.. reading];
            }
        }
    }

    public InputBinding? Find(string name) => All.FirstOrDefault(b => b.Name == name);

    public void Start(CancellationToken emulatorStopping)
    {
        var inputs = All.Where(b => b.IsInput).ToList();
        if (inputs.Count == 0)
        {
            ready.TrySetResult();
            return;
        }

        if (sidecar.Options.AppBaseAddress is null || sidecar.Options.AppSpeaksGrpc)
        {
            // daprd: no app channel, no reading; gRPC apps list their bindings through ListInputBindings, not emulated.
            LogNotRead(shared.Logger, sidecar.AppId, string.Join(", ", inputs.Select(b => b.Name)), sidecar.Options.AppBaseAddress is null ? "it has no app port" : "its app speaks gRPC (ListInputBindings/OnBindingEvent are not emulated)");
            ready.TrySetResult();
            return;
        }

        var token = CancellationTokenSource.CreateLinkedTokenSource(stopped.Token, emulatorStopping).Token;
        _ = Task.Run(() => RunAsync(inputs, token), CancellationToken.None);
    }

    public void Stop() => stopped.Cancel();

    private async Task RunAsync(IReadOnlyList<InputBinding> inputs, CancellationToken ct)
    {
        try
        {
            foreach (var binding in inputs)
            {
                if (!binding.SkipsProbe && !await shared.Probe.AppListensAsync(sidecar, binding, ct))
                {
                    continue;
                }

                Task reader = binding.IsQueue
                    ? Task.Run(() => new QueueReader(sidecar, binding, shared.Queue(binding.QueueKey!), shared.Delivery, shared.Logger).RunAsync(ct), CancellationToken.None)
                    : Task.Run(() => new CronReader(sidecar, binding, shared.Delivery, shared.Time).RunAsync(ct), CancellationToken.None);
                _ = reader.ContinueWith(t => LogReaderFailed(shared.Logger, t.Exception!, binding.Name, sidecar.AppId), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                lock (reading)
                {
                    reading.Add(binding.Name);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The sidecar stopped before its app came up.
        }
        finally
        {
            ready.TrySetResult();
        }
    }

    [LoggerMessage(LogLevel.Warning, "Sidecar of {AppId} reads no input binding ({Bindings}): {Why}.")]
    private static partial void LogNotRead(ILogger logger, string appId, string bindings, string why);

    [LoggerMessage(LogLevel.Error, "Input binding {Binding} of {AppId} stopped reading.")]
    private static partial void LogReaderFailed(ILogger logger, Exception ex, string binding, string appId);
}
