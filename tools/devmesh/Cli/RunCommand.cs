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
            await new OrderFeed(running.Mesh).RunAsync(ct);
            AnsiConsole.MarkupLine("Stopping…");
        }

        AnsiConsole.MarkupLine("Stopped; no service is left running.");
        return 0;
    }
}
