using System.Diagnostics;
using System.Text.Json;
using FbaMesh.Testing;

namespace FbaMesh.Bench.Ingest;

/// <summary>
/// The ingest peer: the seed's stack, a Node.js HTTP server verifying each webhook with Crystallize's own
/// JavaScript verifier and answering 202 (tools/js-oracle/webhook-peer.mjs, one Node process; its
/// packages are installed with npm ci the first time, as the signing tests do).
/// </summary>
public sealed class NodePeer : IAsyncDisposable
{
    private readonly Process process;

    private NodePeer(Process process, Uri url) => (this.process, Url) = (process, url);

    public Uri Url { get; }

    public static async Task<NodePeer> StartAsync(string path, CancellationToken ct)
    {
        var folder = new NodeOracle().Folder;
        var start = new ProcessStartInfo("node", "webhook-peer.mjs")
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        try
        {
            await process.StandardInput.WriteAsync(JsonSerializer.Serialize(new { secret = WebhookBodies.DevSecret, path }));
            process.StandardInput.Close();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromMinutes(1));
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            if (line is null)
            {
                var errors = await process.StandardError.ReadToEndAsync(ct);
                throw new InvalidOperationException($"webhook-peer.mjs ended before listening: {errors}");
            }

            // Whatever it writes later must not fill a pipe nobody reads.
            _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
            var port = JsonDocument.Parse(line).RootElement.GetProperty("port").GetInt32();
            return new NodePeer(process, new Uri($"http://127.0.0.1:{port}{path}"));
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
