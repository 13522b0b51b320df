using System.Globalization;
using System.Text.Json.Nodes;
using FbaMesh.DaprEmulator.Resources;

namespace FbaMesh.DaprEmulator.RunFile;

/// <summary>
/// Reads a Dapr multi-app run file (version 1) the way the Dapr CLI does: common.resourcesPath and
/// appDirPath resolve from the run file's folder; an app's own resourcesPath and configFilePath resolve
/// from its appDirPath. DAPR_API_TOKEN / APP_API_TOKEN in common.env or an app's env become the tokens.
/// </summary>
internal static class RunFileReader
{
    public static IReadOnlyList<SidecarOptions> Read(string path)
    {
        var file = Path.GetFullPath(path);
        var baseDir = Path.GetDirectoryName(file)!;
        var document = YamlDocuments.Read(file).SingleOrDefault()
            ?? throw new InvalidDataException($"{file}: empty run file.");
        if (document.Text("version") is not "1")
        {
            throw new InvalidDataException($"{file}: run file version '{document.Text("version")}' is not 1.");
        }

        var common = document.Object("common");
        var commonResources = ResourcesPath(common, baseDir);
        var apps = document.Items("apps").ToList();
        if (apps.Count == 0)
        {
            throw new InvalidDataException($"{file}: no apps.");
        }

        return [.. apps.Select(app => ReadApp(app, file, baseDir, common, commonResources))];
    }

    private static SidecarOptions ReadApp(JsonNode app, string file, string baseDir, JsonObject? common, string? commonResources)
    {
        var appId = app.Text("appID") ?? throw new InvalidDataException($"{file}: an app has no appID.");
        var appDir = Path.GetFullPath(app.Text("appDirPath") ?? ".", baseDir);
        string Env(string name) => app.Object("env").Text(name) ?? common.Object("env").Text(name) ?? "";
        var resources = ResourcesPath(app, appDir) ?? commonResources
            ?? throw new InvalidDataException($"{file}: app '{appId}' has no resourcesPath and common has none.");
        var config = app.Text("configFilePath") ?? common.Text("configFilePath");
        return new SidecarOptions(appId)
        {
            AppDirectory = appDir,
            DaprHttpPort = Port(app, "daprHTTPPort", appId, file) ?? throw new InvalidDataException($"{file}: app '{appId}' needs daprHTTPPort for the emulator."),
            DaprGrpcPort = Port(app, "daprGRPCPort", appId, file) ?? throw new InvalidDataException($"{file}: app '{appId}' needs daprGRPCPort for the emulator."),
            AppPort = Port(app, "appPort", appId, file),
            AppProtocol = app.Text("appProtocol") ?? common.Text("appProtocol") ?? "http",
            ResourcesPath = resources,
            ConfigFile = config is null ? null : Path.GetFullPath(config, appDir),
            DaprApiToken = Env("DAPR_API_TOKEN") is { Length: > 0 } d ? d : null,
            AppApiToken = Env("APP_API_TOKEN") is { Length: > 0 } a ? a : null,
        };
    }

    private static string? ResourcesPath(JsonNode? section, string relativeTo)
    {
        var single = section.Text("resourcesPath");
        var first = single ?? section.Strings("resourcesPaths").FirstOrDefault();
        return first is null ? null : Path.GetFullPath(first, relativeTo);
    }

    private static int? Port(JsonNode app, string name, string appId, string file)
    {
        var text = app.Text(name);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? port
            : throw new InvalidDataException($"{file}: app '{appId}' {name} '{text}' is not a TCP port.");
    }
}
