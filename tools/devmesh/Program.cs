using FbaMesh.DevMesh.Cli;

// devmesh: `dotnet run --project tools/devmesh [-- demo | restart <app-id> | kill <app-id>]`.
return await DevMeshCommandLine.Build().Parse(args).InvokeAsync(DevMeshCommandLine.Invocation);
