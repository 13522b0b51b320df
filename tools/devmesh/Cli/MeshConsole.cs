using FbaMesh.DevMesh.Hosting;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace FbaMesh.DevMesh.Cli;

/// <summary>Starting the mesh in front of a person: progress while it starts, then the table of what runs where.</summary>
internal static class MeshConsole
{
    /// <summary>Everything from the in-process parts to devmesh.log; only errors also to the console.</summary>
    public static ILoggerFactory CreateLogging(MeshCommandSettings settings) =>
        LoggerFactory.Create(b => b
            .SetMinimumLevel(LogLevel.Information)
            .AddProvider(new FileLoggerProvider(Path.Combine(settings.Mesh.ResolvedLogDirectory, "devmesh.log")))
            .AddSimpleConsole(o => o.SingleLine = true)
            .AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(level => level >= LogLevel.Error));

    /// <summary>Starts the mesh, or says why it did not start and answers null.</summary>
    public static async Task<RunningMesh?> TryStartAsync(MeshCommandSettings settings, ILoggerFactory logging, CancellationToken ct)
    {
        try
        {
            return await StartAsync(settings, logging, ct);
        }
        catch (Processes.MeshStartException ex)
        {
            AnsiConsole.MarkupLine($"[red]The mesh did not start:[/] {ex.Message.EscapeMarkup()}");
            return null;
        }
    }

    private static async Task<RunningMesh> StartAsync(MeshCommandSettings settings, ILoggerFactory logging, CancellationToken ct)
    {
        settings.Mesh.Logging = logging;
        if (Console.IsOutputRedirected)
        {
            // Logs and CI: no terminal to fit, so tables keep URLs on one line.
            AnsiConsole.Profile.Width = 200;
        }

        QuietEmulatorHosts.Apply(settings.Mesh);
        var progress = new SyncProgress<MeshStartProgress>(p => AnsiConsole.MarkupLine(p.Stage switch
        {
            MeshStartStage.Starting => $"  [grey]starting[/] {p.Part.EscapeMarkup()}",
            MeshStartStage.Ready => $"  [green]ready[/]    {p.Part.EscapeMarkup()} [grey]{(p.Detail ?? "").EscapeMarkup()}[/]",
            _ => $"  [red]failed[/]   {p.Part.EscapeMarkup()}: {(p.Detail ?? "").EscapeMarkup()}",
        }));

        Mesh? mesh = null;
        await AnsiConsole.Status().StartAsync("Starting FbaMesh…", async _ =>
            mesh = await Mesh.StartAsync(settings.Mesh, progress, ct));
        RunningMesh? running = null;
        ControlEndpoint control;
        try
        {
            control = await ControlEndpoint.StartAsync(mesh!, () => running?.TryWriteEndpointsAsync() ?? Task.CompletedTask);
        }
        catch
        {
            await mesh!.DisposeAsync();
            throw;
        }

        running = new RunningMesh(mesh!, control, settings.EndpointsFile);
        AnsiConsole.Write(EndpointsTable.Render(running.Endpoints, settings));
        // Outside the table too: a table cell may wrap the URL, and people copy it from here.
        AnsiConsole.MarkupLine($"Webhook URL: [bold]{running.Endpoints.GatewayWebhookUrl.ToString().EscapeMarkup()}[/]");
        if (running.Endpoints.ConsoleUrl is { } console)
        {
            AnsiConsole.MarkupLine($"Console: [bold]{console.ToString().EscapeMarkup()}[/] (log in with operatorToken from {settings.EndpointsFile.EscapeMarkup()})");
        }

        // Last: the file tells scripts and tests that the mesh is up and the table is out.
        await running.WriteEndpointsAsync(ct);
        // Process ids change when a service is restarted; keep the file true.
        mesh!.ServiceChanged += (_, _) => _ = running.TryWriteEndpointsAsync();
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

    public async Task TryWriteEndpointsAsync()
    {
        try
        {
            await WriteEndpointsAsync(CancellationToken.None);
        }
        catch (IOException)
        {
            // The next change writes it again; the running mesh matters more than the file.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await control.DisposeAsync();
        await mesh.DisposeAsync();
        File.Delete(endpointsFile);
    }
}
