await FbaMesh.WebhookGateway.WebhookGatewayApp.Build(args).RunAsync();
