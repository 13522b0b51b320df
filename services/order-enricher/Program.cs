using FbaMesh.OrderEnricher;

// The wiring lives in OrderEnricherApp so tests host the same application in-process.
var app = OrderEnricherApp.Build(args);
await app.RunAsync();
