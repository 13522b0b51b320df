using FbaMesh.WebhookGateway;

// The wiring lives in WebhookGatewayApp so tests host the same application in-process.
var app = WebhookGatewayApp.Build(args);
await app.RunAsync();
