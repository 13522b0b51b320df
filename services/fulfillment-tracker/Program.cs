using FbaMesh.FulfillmentTracker;

// The wiring lives in FulfillmentTrackerApp so tests host the same application in-process.
var app = FulfillmentTrackerApp.Build(args);
await app.RunAsync();
