using System.CommandLine;
using FbaMesh.DaprEmulator.Cli;

// The Dapr sidecar emulator as a process: one emulated daprd per app of a Dapr run file.
// On SIGTERM or Ctrl+C the sidecars stop gracefully, as daprd does; System.CommandLine's default of 2 s
// before it forces exit code 143 is shorter than stopping every sidecar's servers takes on a busy machine.
return await EmulatorCommand.Create().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(20) });
