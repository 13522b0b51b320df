using System.CommandLine;
using FbaMesh.Bench.Cli;
using Spectre.Console;

// The benchmark and chaos harness, which measures throughput, drain, latency and footprint and injects faults:
//   dotnet run -c Release --project bench -- <ingest | drain | latency | footprint | chaos> [--json PATH] [options]
// Each scenario lives in its own folder; the command line only wires options to it.
// Tables written to a file or a pipe (CI, BENCHMARKS.md) keep their columns instead of wrapping at 80.
if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 200;
}

// Ctrl+C or SIGTERM cancels the scenario, which then stops its mesh and says so (ScenarioAction); the
// 2 s System.CommandLine allows by default would exit 143 before either.
return await BenchCommandLine.Build().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });
