using Spectre.Console;

namespace FbaMesh.DevMesh.Cli;

/// <summary>`devmesh`: start everything, show what runs where, follow orders live until Ctrl+C or SIGTERM.</summary>
internal static class RunCommand
{
    public static async Task<int> RunAsync(MeshCommandSettings settings, CancellationToken ct)
    {
        using var logging = MeshConsole.CreateLogging(settings);
        RunningMesh? running;
        try
        {
            running = await MeshConsole.TryStartAsync(settings, logging, ct);
        }
        catch (OperationCanceledException)
        {
            return 130;
        }

        if (running is null)
        {
            return 1;
        }

        await using (running)
        {
            running.Mesh.ServiceChanged += (_, e) => AnsiConsole.MarkupLine(e.Kind == Hosting.ServiceEventKind.Exited
                ? $"[red]{e.AppId} exited unexpectedly (code {e.ExitCode})[/]; " +
                  (e.Pause is { } pause ? $"restarting in {pause.TotalSeconds:0.#} s" : "not restarting (see the logs folder)")
                : $"[green]{e.AppId} is back[/] (pid {running.Mesh.Endpoints.Services.GetValueOrDefault(e.AppId)?.ProcessId})");
            AnsiConsole.MarkupLine("Following orders as they move. [grey]Ctrl+C stops everything.[/]");
            await FollowOrdersAsync(running.Mesh, ct);
            AnsiConsole.MarkupLine("Stopping…");
        }

        AnsiConsole.MarkupLine("Stopped; no service is left running.");
        return 0;
    }

    /// <summary>
    /// The live feed is a view: if it fails, it says so and the mesh keeps running until Ctrl+C or
    /// SIGTERM. Only those stop the mesh, never a fault in what watches it.
    /// </summary>
    private static async Task FollowOrdersAsync(Mesh mesh, CancellationToken ct)
    {
        try
        {
            await new OrderFeed(mesh).RunAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            AnsiConsole.MarkupLine($"[red]The live order feed stopped[/] ({ex.GetType().Name}: {ex.Message.EscapeMarkup()}); the mesh keeps running. [grey]Ctrl+C stops everything.[/]");
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM: stop.
            }
        }
    }
}
