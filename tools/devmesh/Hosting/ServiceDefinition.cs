using FbaMesh.DevMesh.Processes;

namespace FbaMesh.DevMesh.Hosting;

/// <summary>One of the three services as devmesh runs it: its run-file entry, binary and environment.</summary>
internal sealed record ServiceDefinition(
    string AppId,
    string Protocol,
    int AppPort,
    int DaprHttpPort,
    int DaprGrpcPort,
    string AppDirectory,
    string AssemblyPath,
    IReadOnlyDictionary<string, string?> Environment)
{
    /// <summary>The instance's name: the app id for the first, app-id#N for further replicas.</summary>
    public string Instance { get; init; } = AppId;

    public bool SpeaksGrpc => string.Equals(Protocol, "grpc", StringComparison.OrdinalIgnoreCase);

    public Uri AppUrl => new($"http://127.0.0.1:{AppPort}");

    public Uri HealthUrl => new(AppUrl, "/healthz");

    public Uri ReadyUrl => new(AppUrl, "/readyz");

    /// <summary>`dotnet FbaMesh.X.dll` in the app's folder, as `dapr run -f .` runs it in appDirPath.</summary>
    public ChildProcessSpec ToProcessSpec() =>
        new(Instance, "dotnet", [AssemblyPath], AppDirectory, Environment);

    /// <summary>The built assembly: bin/&lt;configuration&gt;/net10.0/FbaMesh.&lt;Name&gt;.dll beside the app's project file.</summary>
    public static string FindAssembly(string appDirectory, string configuration)
    {
        var project = Directory.EnumerateFiles(appDirectory, "FbaMesh.*.csproj").SingleOrDefault()
            ?? throw new MeshStartException($"No FbaMesh.*.csproj in {appDirectory}.");
        var name = Path.GetFileNameWithoutExtension(project);
        var assembly = Path.Combine(appDirectory, "bin", configuration, "net10.0", name + ".dll");
        return File.Exists(assembly)
            ? assembly
            : throw new MeshStartException(
                $"{assembly} does not exist. Build first: `dotnet build tools/devmesh -c {configuration}` (it builds the services too).");
    }
}
