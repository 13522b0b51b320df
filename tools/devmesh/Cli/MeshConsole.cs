using FbaMesh.DevMesh.Hosting;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace FbaMesh.DevMesh.Cli;

/// <summary>Starting the mesh in front of a person: progress while it starts, then the table of what runs where.</summary>
internal static class MeshConsole
{
    public static ILoggerFactory CreateLogging() =>
        LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));

    public static async Task<RunningMesh> StartAsync(MeshCommandSettings settings, ILoggerFactory logging, CancellationToken ct)
    {
        settings.Mesh.Logging = logging;
        var progress = new SyncProgress<MeshStartProgress>(p => AnsiConsole.MarkupLine(p.Stage switch
        {
            MeshStartStage.Starting => $"  [grey]starting[/] {p.Part.EscapeMarkup()}",
            MeshStartStage.Ready => $"  [green]ready[/]    {p.Part.EscapeMarkup()} [grey]{(p.Detail ?? "").EscapeMarkup()}[/]",
            _ => $"  [red]failed[/]   {p.Part.EscapeMarkup()}: {(p.Detail ?? "").EscapeMarkup()}",
        }));

        Mesh? mesh = null;
        await AnsiConsole.Status().StartAsync("Starting FbaMesh…", async _ =>
            mesh = await Mesh.StartAsync(settings.Mesh, progress, ct));
        var control = await ControlEndpoint.StartAsync(mesh!);
        var running = new RunningMesh(mesh!, control, settings.EndpointsFile);
        await running.WriteEndpointsAsync(ct);
        AnsiConsole.Write(EndpointsTable.Render(running.Endpoints, settings));
        return running;
    }
}

/// <summary>A started mesh with its control endpoint; disposing stops both and removes endpoints.json.</summary>
internal sealed class RunningMesh(Mesh mesh, ControlEndpoint control, string endpointsFile) : IAsyncDisposable
{
    public Mesh Mesh => mesh;

    public MeshEndpoints Endpoints => mesh.Endpoints with
    {
        ControlUrl = control.Url,
        ControlToken = control.Token,
    };

    public async Task WriteEndpointsAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(endpointsFile)!);
        // Write then move, so a reader never sees half a file.
        var temporary = endpointsFile + ".tmp";
        await File.WriteAllTextAsync(temporary, Endpoints.ToJson(), ct);
        File.Move(temporary, endpointsFile, overwrite: true);
    }

    public async ValueTask DisposeAsync()
    {
        await control.DisposeAsync();
        await mesh.DisposeAsync();
        File.Delete(endpointsFile);
    }
}
