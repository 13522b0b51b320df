using System.Text.Json.Nodes;
using FbaMesh.Testing;

namespace FbaMesh.Deployment.Tests;

/// <summary>The services name components, not technologies: the names must hold everywhere (DESIGN §4).</summary>
public sealed class ComponentTests
{
    private static Dictionary<string, JsonObject> Components(string folder) =>
        TopLevel(folder, "Component").ToDictionary(c => c["metadata"]!["name"].Text());

    /// <summary>daprd reads the YAML files of its resources folder, not of its subfolders.</summary>
    private static IEnumerable<JsonObject> TopLevel(string folder, string kind) =>
        Directory.EnumerateFiles(folder == RunFiles.Kubernetes ? Path.Combine(folder, "components") : folder, "*.yaml")
            .SelectMany(YamlDocuments.Load)
            .Where(d => d["kind"].Text() == kind);

    [Fact]
    public void Components_have_the_same_names_locally_and_on_kubernetes()
    {
        var local = Components(RepositoryPaths.Combine("components")).Keys.Order(StringComparer.Ordinal);
        var cluster = Components(RunFiles.Kubernetes).Keys.Order(StringComparer.Ordinal);

        // The three of DESIGN §4, plus any input binding an app reads (see the binding tests below).
        Assert.Superset(new HashSet<string>(["fbamesh-pubsub", "fbamesh-secrets", "fbamesh-state"]), local.ToHashSet());
        Assert.Equal(local, cluster);
    }

    [Fact]
    public void Local_components_need_no_docker_for_dapr_init_slim()
    {
        var local = Components(RepositoryPaths.Combine("components"));

        Assert.Equal("pubsub.in-memory", local["fbamesh-pubsub"]["spec"]!["type"].Text());
        Assert.Equal("state.in-memory", local["fbamesh-state"]["spec"]!["type"].Text());
        Assert.Equal("secretstores.local.file", local["fbamesh-secrets"]["spec"]!["type"].Text());
    }

    [Fact]
    public void Kubernetes_components_use_redis_and_the_kubernetes_secret_store()
    {
        var cluster = Components(RunFiles.Kubernetes);

        Assert.Equal("pubsub.redis", cluster["fbamesh-pubsub"]["spec"]!["type"].Text());
        Assert.Equal("state.redis", cluster["fbamesh-state"]["spec"]!["type"].Text());
        Assert.Equal("secretstores.kubernetes", cluster["fbamesh-secrets"]["spec"]!["type"].Text());
    }

    [Fact]
    public void Components_are_scoped_to_the_same_apps_locally_and_on_kubernetes()
    {
        var local = Components(RepositoryPaths.Combine("components"));
        var cluster = Components(RunFiles.Kubernetes);

        foreach (var name in new[] { "fbamesh-pubsub", "fbamesh-state" })
        {
            Assert.Equal(Scopes(local[name]), Scopes(cluster[name]));
        }
    }

    [Fact]
    public void Each_app_may_read_the_same_secrets_locally_and_on_kubernetes()
    {
        foreach (var app in RunFiles.FromDaprYaml())
        {
            var local = YamlDocuments.LoadOne(RepositoryPaths.Combine("components", "configuration", $"{app.AppId}.yaml"));
            var cluster = YamlDocuments.LoadOne(Path.Combine(RunFiles.Kubernetes, "configuration", $"{app.AppId}.yaml"));

            Assert.Equal(AllowedSecrets(local), AllowedSecrets(cluster));
            Assert.NotEmpty(AllowedSecrets(cluster));
        }
    }

    [Fact]
    public void Kubernetes_configurations_deny_the_builtin_secret_store()
    {
        foreach (var config in YamlDocuments.LoadKind(RunFiles.Kubernetes, "Configuration"))
        {
            var scopes = config["spec"]!["secrets"]!["scopes"]!.AsArray();
            Assert.Contains(scopes, s => s!["storeName"].Text() == "kubernetes" && s["defaultAccess"].Text() == "deny");
            Assert.All(scopes, s => Assert.Equal("deny", s!["defaultAccess"].Text()));
        }
    }

    [Fact]
    public void Resiliency_policies_are_the_same_locally_and_on_kubernetes()
    {
        var local = TopLevel(RepositoryPaths.Combine("components"), "Resiliency").Single();
        var cluster = TopLevel(RunFiles.Kubernetes, "Resiliency").Single();

        Assert.Equal(local["metadata"]!["name"].Text(), cluster["metadata"]!["name"].Text());
        Assert.True(JsonNode.DeepEquals(local["spec"], cluster["spec"]), "spec differs between components/ and deploy/kubernetes/components/");
    }

    /// <summary>The input binding types the Dapr emulator implements (with daprd's semantics); locally nothing else can run.</summary>
    private static readonly string[] BindingTypes = ["bindings.cron", "bindings.aws.sqs"];

    private static readonly string[] CredentialKeys = ["accessKey", "secretKey", "sessionToken"];

    [Fact]
    public void Binding_components_are_types_the_emulator_reads_with_the_same_type_and_scopes_on_kubernetes()
    {
        var errors = BindingErrors(Components(RepositoryPaths.Combine("components")), Components(RunFiles.Kubernetes));

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void A_binding_component_the_emulator_or_the_cluster_would_not_read_alike_is_an_error()
    {
        var local = new Dictionary<string, JsonObject>
        {
            ["kafka-in"] = Binding("bindings.kafka", ["app"], ("topics", "t")),
            ["no-schedule"] = Binding("bindings.cron", ["app"]),
            ["unscoped"] = Binding("bindings.cron", [], ("schedule", "@every 1m")),
            ["with-keys"] = Binding("bindings.aws.sqs", ["app"], ("queueName", "q"), ("accessKey", "AKIAFAKE")),
            ["other-scopes"] = Binding("bindings.cron", ["app"], ("schedule", "@every 1m")),
            ["fine"] = Binding("bindings.aws.sqs", ["app"], ("queueName", "q")),
        };
        var cluster = new Dictionary<string, JsonObject>
        {
            ["other-scopes"] = Binding("bindings.cron", ["another-app"], ("schedule", "@every 1m")),
            ["fine"] = Binding("bindings.aws.sqs", ["app"], ("queueName", "q"), ("region", "us-east-1")),
        };

        var errors = BindingErrors(local, cluster);

        Assert.Equal(["kafka-in", "no-schedule", "unscoped", "with-keys", "other-scopes"], errors.Select(e => e.Split(':')[0]).Distinct());
        Assert.Contains(errors, e => e.StartsWith("no-schedule: not on kubernetes", StringComparison.Ordinal));
    }

    private static List<string> BindingErrors(Dictionary<string, JsonObject> local, Dictionary<string, JsonObject> cluster)
    {
        var errors = new List<string>();
        foreach (var (name, component) in local.Where(c => c.Value["spec"]!["type"].Text().StartsWith("bindings.", StringComparison.Ordinal)))
        {
            var type = component["spec"]!["type"].Text();
            var metadata = Metadata(component);
            if (!BindingTypes.Contains(type))
            {
                errors.Add($"{name}: {type} is not a binding type the Dapr emulator reads ({string.Join(", ", BindingTypes)})");
            }

            if (!cluster.TryGetValue(name, out var deployed))
            {
                errors.Add($"{name}: not on kubernetes");
            }
            else
            {
                if (deployed["spec"]!["type"].Text() != type)
                {
                    errors.Add($"{name}: {deployed["spec"]!["type"].Text()} on kubernetes, {type} locally");
                }

                if (!Scopes(component).SequenceEqual(Scopes(deployed)))
                {
                    errors.Add($"{name}: scoped to other apps on kubernetes");
                }
            }

            // Unscoped, every app's sidecar would probe it and, with direction input, read it.
            if (Scopes(component).Length == 0)
            {
                errors.Add($"{name}: no scopes");
            }

            if (type == "bindings.cron" && string.IsNullOrWhiteSpace(metadata.GetValueOrDefault("schedule")))
            {
                errors.Add($"{name}: bindings.cron needs a schedule");
            }

            if (type == "bindings.aws.sqs")
            {
                if (string.IsNullOrWhiteSpace(metadata.GetValueOrDefault("queueName")))
                {
                    errors.Add($"{name}: bindings.aws.sqs needs a queueName");
                }

                // The emulated queue needs no credentials; real ones come from the secret store or the pod's role.
                if (metadata.Keys.Any(k => CredentialKeys.Contains(k, StringComparer.OrdinalIgnoreCase)))
                {
                    errors.Add($"{name}: credentials in a local component");
                }
            }
        }

        return errors;
    }

    private static JsonObject Binding(string type, string[] scopes, params (string Name, string Value)[] metadata) => new()
    {
        ["kind"] = "Component",
        ["spec"] = new JsonObject
        {
            ["type"] = type,
            ["metadata"] = new JsonArray([.. metadata.Select(m => (JsonNode)new JsonObject { ["name"] = m.Name, ["value"] = m.Value })]),
        },
        ["scopes"] = new JsonArray([.. scopes.Select(s => (JsonNode)JsonValue.Create(s))]),
    };

    private static Dictionary<string, string> Metadata(JsonObject component) =>
        component["spec"]!["metadata"]?.AsArray().ToDictionary(m => m!["name"].Text(), m => m!["value"]?.ToString() ?? "", StringComparer.Ordinal) ?? [];

    private static string[] Scopes(JsonObject component) =>
        component["scopes"]?.AsArray().Select(s => s.Text()).Order(StringComparer.Ordinal).ToArray() ?? [];

    private static string[] AllowedSecrets(JsonObject configuration) =>
        configuration["spec"]!["secrets"]!["scopes"]!.AsArray()
            .Single(s => s!["storeName"].Text() == "fbamesh-secrets")!["allowedSecrets"]!.AsArray()
            .Select(s => s.Text()).Order(StringComparer.Ordinal).ToArray();
}
