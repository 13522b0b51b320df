using System.Text.Json;
using System.Text.Json.Nodes;
using FbaMesh.Testing;
using Json.Schema;

namespace FbaMesh.Deployment.Tests;

/// <summary>dapr.yaml uses only keys the Dapr CLI reads (pkg/runfileconfig), none of them deprecated.</summary>
public sealed class RunFileSchemaTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromFile(
        Path.Combine(AppContext.BaseDirectory, "Schemas", "dapr-cli", "runfile.schema.json"), new BuildOptions(), new Uri("https://fbamesh.test/dapr-cli/runfile"));

    [Fact]
    public void Dapr_run_file_uses_only_keys_the_cli_reads()
    {
        var errors = Errors(RunFile());

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void A_deprecated_or_misspelled_key_is_an_error()
    {
        var deprecated = RunFile();
        deprecated["common"]!["resourcesPath"] = "./components";
        var misspelled = RunFile();
        misspelled["apps"]![0]!["appHealthCheck"] = true;

        Assert.Contains(Errors(deprecated), e => e.Contains("resourcesPath", StringComparison.Ordinal));
        Assert.Contains(Errors(misspelled), e => e.Contains("appHealthCheck", StringComparison.Ordinal));
    }

    private static JsonNode RunFile() => TypedYaml.Load(RepositoryPaths.Combine("dapr.yaml"))[0];

    private static List<string> Errors(JsonNode runFile)
    {
        using var json = JsonDocument.Parse(runFile.ToJsonString());
        var result = Schema.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))];
    }
}
