using FbaMesh.FbaSubmitter;

// The wiring lives in SubmitterApp so tests host the same application in-process.
var app = SubmitterApp.Build(args);
await app.RunAsync();
