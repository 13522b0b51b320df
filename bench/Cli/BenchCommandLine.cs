using System.CommandLine;

namespace FbaMesh.Bench.Cli;

/// <summary>The table of contents: one subcommand per scenario.</summary>
public static class BenchCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("FbaMesh bench: measured speed, footprint and survival under faults (docs/BENCHMARKS.md). Exit codes: 0 clean, 1 not clean, 2 refused options, 3 the run broke, 130 interrupted; stderr says why.");
        root.Subcommands.Add(IngestCommand.Create());
        root.Subcommands.Add(DrainCommand.Create());
        root.Subcommands.Add(LatencyCommand.Create());
        root.Subcommands.Add(FootprintCommand.Create());
        root.Subcommands.Add(ChaosCommand.Create());
        root.Subcommands.Add(OutageCommand.Create());
        root.Subcommands.Add(ConsoleCommand.Create());
        return root;
    }

    /// <summary>--json PATH: the same figures as the table, for scripts and CI.</summary>
    public static Option<string?> JsonOption() => new("--json") { Description = "Also write the figures as JSON to this file." };

    /// <summary>--replicas app-id=N (repeatable): N processes of the app, each with its own sidecar.</summary>
    public static Option<string[]> ReplicasOption()
    {
        var option = new Option<string[]>("--replicas") { Description = "app-id=N (repeatable): N processes of the app, each with its own sidecar; all=N for every app." };
        option.Validators.Add(result =>
        {
            if (!DevMesh.Hosting.ReplicaCounts.TryParse(result.Tokens.Select(t => t.Value), out _, out var error))
            {
                result.AddError(error!);
            }
        });
        return option;
    }

    /// <summary>The replica counts; all=N stands for every app the mesh runs (dapr.yaml's apps, the fulfillment-tracker too).</summary>
    public static IReadOnlyDictionary<string, int> Replicas(string[]? values)
    {
        var counts = DevMesh.Hosting.ReplicaCounts.Parse(values);
        if (counts.Remove("all", out var all))
        {
            var options = new DevMesh.MeshOptions();
            foreach (var app in DaprEmulator.DaprEmulatorHost.ReadRunFile(Path.Combine(options.RepositoryRoot, options.RunFile)).Select(s => s.AppId))
            {
                counts.TryAdd(app, all);
            }
        }

        return counts;
    }

    public static Option<T> Option<T>(string name, string description, T defaultValue) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue };

    public static Command Command(string name, string description, params Option[] options)
    {
        var command = new Command(name, description);
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        return command;
    }
}
