using FbaMesh.DaprEmulator.Cli;

// The Dapr sidecar emulator as a process: one emulated daprd per app of a Dapr run file.
return await EmulatorCommand.Create().Parse(args).InvokeAsync();
