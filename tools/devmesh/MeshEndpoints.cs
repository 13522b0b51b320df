using System.Text.Json;
using System.Text.Json.Serialization;

namespace FbaMesh.DevMesh;

/// <summary>What runs where, every instance of every app; the CLI prints it as a table and writes it to .devmesh/endpoints.json.</summary>
public sealed record MeshEndpoints(
    Uri GatewayWebhookUrl,
    IReadOnlyDictionary<string, ServiceEndpoints> Services,
    UpstreamEndpoints? Crystallize,
    UpstreamEndpoints? SpApi)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>devmesh's loopback control endpoint (restart/kill), when the CLI runs one.</summary>
    public Uri? ControlUrl { get; init; }

    /// <summary>Random per run; the control endpoint refuses calls without it.</summary>
    public string? ControlToken { get; init; }

    public int? DevMeshProcessId { get; init; }

    /// <summary>The Redis of the durable mode (host:port); null when pub/sub and state are in memory.</summary>
    public string? Redis { get; init; }

    /// <summary>Random per run: the operator API's bearer token, served to the services as secret operator:token.</summary>
    public string? OperatorToken { get; init; }

    /// <summary>The operator console (served by order-enricher); log in with <see cref="OperatorToken"/>.</summary>
    public Uri? ConsoleUrl { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static MeshEndpoints FromJson(string json) =>
        JsonSerializer.Deserialize<MeshEndpoints>(json, Json) ?? throw new JsonException("endpoints file is empty");
}

/// <summary>One service instance: its app URL, health URLs and the ports of its own sidecar.</summary>
public sealed record ServiceEndpoints(
    string AppId,
    string Protocol,
    Uri AppUrl,
    Uri HealthUrl,
    Uri ReadyUrl,
    int DaprHttpPort,
    int DaprGrpcPort,
    int? ProcessId)
{
    /// <summary>Emulated sidecars only: POST one message here to queue it for the app's queue binding of that name.</summary>
    public IReadOnlyDictionary<string, Uri>? BindingFeeds { get; init; }

    /// <summary>The instance's name (the key in <see cref="MeshEndpoints.Services"/>): the app id, or app-id#N for further replicas.</summary>
    public string? Instance { get; init; }
}

/// <summary>An upstream emulator (null when the real one is used): where it listens, what to call, its admin API.</summary>
public sealed record UpstreamEndpoints(Uri BaseAddress, Uri ApiUrl, Uri AdminUrl, Uri? TokenEndpoint = null);
