using FbaMesh.SpApiEmulator;

// dotnet run --project tools/spapi-emulator -- --urls http://localhost:5500 [--secrets-file components/secrets.dev.json]
//   [--create-rate 2 --create-burst 30] [--usage-plan sandbox] [--token-lifetime 3600] [--status-step 60]
var options = CommandLine.Parse(args);
await using var emulator = await SpApiEmulatorApp.StartAsync(options);
Console.WriteLine($"SP-API emulator listening on {emulator.BaseAddress} (token endpoint {emulator.TokenEndpoint})");
await emulator.WaitForShutdownAsync();
