using System.CommandLine;

namespace FbaMesh.DevMesh.Cli;

/// <summary>The command tree: run (default), demo, restart and kill.</summary>
internal static class DevMeshCommandLine
{
    /// <summary>Ctrl+C and SIGTERM cancel the running command, which then stops every child.</summary>
    public static readonly InvocationConfiguration Invocation = new() { ProcessTerminationTimeout = TimeSpan.FromSeconds(20) };

    public static RootCommand Build()
    {
        var options = new MeshCommandOptions();
        var root = new RootCommand(
            "Runs FbaMesh locally: the three services, their emulated Dapr sidecars from dapr.yaml and components/, " +
            "and the Crystallize and SP-API emulators. Ctrl+C stops everything.");
        options.AddTo(root);
        root.SetAction((parse, ct) => RunCommand.RunAsync(options.Read(parse), ct));

        var demo = new Command("demo", "Start the mesh, send every sample order through the Crystallize emulator's webhook sender, " +
            "wait for each to settle and compare with fixtures/expected.json. Exits 1 on any mismatch.");
        var timeout = new Option<int>("--order-timeout") { Description = "Seconds each order may take to settle.", DefaultValueFactory = _ => 60 };
        options.AddTo(demo);
        demo.Options.Add(timeout);
        demo.SetAction((parse, ct) => DemoCommand.RunAsync(options.Read(parse), TimeSpan.FromSeconds(parse.GetValue(timeout)), ct));
        root.Subcommands.Add(demo);

        root.Subcommands.Add(ControlCommand.Create("restart", "Restart one service of a running devmesh and wait until it is ready.", options));
        root.Subcommands.Add(ControlCommand.Create("kill", "Kill one service of a running devmesh (SIGKILL); it stays down until restarted.", options));
        return root;
    }
}
