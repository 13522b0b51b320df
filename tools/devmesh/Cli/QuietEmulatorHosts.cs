namespace FbaMesh.DevMesh.Cli;

/// <summary>
/// The emulators host their own ASP.NET Core apps in this process, with console logging from
/// configuration. Environment configuration is the one switch they share, so the CLI turns their
/// console down to errors for itself only: the services it starts get the variable's original value.
/// </summary>
internal static class QuietEmulatorHosts
{
    private const string Variable = "Logging__Console__LogLevel__Default";

    public static void Apply(MeshOptions options)
    {
        options.ParentOnlyEnvironment[Variable] = Environment.GetEnvironmentVariable(Variable);
        Environment.SetEnvironmentVariable(Variable, "Error");
    }
}
