using Spectre.Console;
using Spectre.Console.Rendering;

namespace FbaMesh.DevMesh.Cli;

/// <summary>The short table of what runs where, printed once the mesh is ready.</summary>
internal static class EndpointsTable
{
    public static IRenderable Render(MeshEndpoints endpoints, MeshCommandSettings settings)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]FbaMesh is running[/]");
        table.AddColumn("what");
        table.AddColumn("where");
        table.AddColumn("health / notes");

        table.AddRow("[bold]webhook URL[/]", Link(endpoints.GatewayWebhookUrl), "POST Crystallize order-created webhooks here");
        if (endpoints.ConsoleUrl is { } console)
        {
            table.AddRow("[bold]console[/]", Link(console), "operator console: log in with operatorToken from the endpoints file");
        }
        foreach (var (instance, service) in endpoints.Services.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            table.AddRow(
                instance.EscapeMarkup(),
                $"{Link(service.AppUrl)} [grey]({service.Protocol}, pid {service.ProcessId})[/]",
                $"{Link(service.ReadyUrl)} [grey]dapr http {service.DaprHttpPort} / grpc {service.DaprGrpcPort}[/]");
        }

        AddUpstream(table, "Crystallize", endpoints.Crystallize, "real tenant (secrets file)");
        AddUpstream(table, "SP-API", endpoints.SpApi, "Amazon sandbox (secrets file)");
        if (endpoints.Redis is { } redis)
        {
            table.AddRow("redis (durable)", redis.EscapeMarkup(), "pub/sub streams and state; components/durable");
        }

        table.AddRow("control", Link(endpoints.ControlUrl), "devmesh restart|kill <app-id>[[#N]]");
        table.AddRow("endpoints", settings.EndpointsFile.EscapeMarkup(), "the same as JSON");
        table.AddRow("logs", settings.Mesh.ResolvedLogDirectory.EscapeMarkup(), "one file per service");
        return table;
    }

    private static void AddUpstream(Table table, string name, UpstreamEndpoints? emulator, string whenReal)
    {
        if (emulator is null)
        {
            table.AddRow(name, "[yellow]real[/]", whenReal);
            return;
        }

        table.AddRow($"{name} emulator", Link(emulator.ApiUrl), $"admin {Link(emulator.AdminUrl)}");
    }

    private static string Link(Uri? url) => url?.ToString().EscapeMarkup() ?? "";
}
