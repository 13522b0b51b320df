using FbaMesh.Bench.Cli;

// The benchmark and chaos harness (issue 8):
//   dotnet run -c Release --project bench -- <ingest | drain | latency | footprint | chaos> [--json PATH] [options]
// Each scenario lives in its own folder; the command line only wires options to it.
return await BenchCommandLine.Build().Parse(args).InvokeAsync();
