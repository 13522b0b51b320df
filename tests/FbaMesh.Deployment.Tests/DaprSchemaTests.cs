using System.Text.Json.Nodes;
using FbaMesh.Testing;

namespace FbaMesh.Deployment.Tests;

/// <summary>Every Dapr resource of the repository against Dapr's own CRD schemas, unknown fields included.</summary>
public sealed class DaprSchemaTests
{
    public static TheoryData<string, int> Resources()
    {
        var data = new TheoryData<string, int>();
        foreach (var (file, index, _) in DaprResources.All())
        {
            data.Add(file, index);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public void Dapr_resource_matches_the_crd_schema(string file, int index)
    {
        var document = TypedYaml.Load(RepositoryPaths.Combine(file))[index];

        var errors = DaprSchemas.Errors(document);

        Assert.True(errors.Count == 0, $"{file} document {index} ({document["kind"]}):\n  " + string.Join("\n  ", errors));
    }

    [Fact]
    public void The_schemas_cover_the_kinds_the_repository_uses()
    {
        var used = DaprResources.All().Select(d => $"{d.Document["apiVersion"]}/{d.Document["kind"]}").ToHashSet();

        Assert.Superset(used, DaprSchemas.Kinds.ToHashSet());
        Assert.Contains("dapr.io/v1alpha1/Component", used);
        Assert.Contains("dapr.io/v1alpha1/Configuration", used);
        Assert.Contains("dapr.io/v1alpha1/Resiliency", used);
        Assert.Contains("dapr.io/v2alpha1/Subscription", DaprSchemas.Kinds);
    }

    [Fact]
    public void An_unknown_retry_field_is_an_error()
    {
        var resiliency = Resiliency();
        resiliency["spec"]!["policies"]!["retries"]!["eventRedelivery"]!["initialInterval"] = "200ms";

        Assert.Contains(DaprSchemas.Errors(resiliency), e => e.Contains("initialInterval", StringComparison.Ordinal));
    }

    [Fact]
    public void A_wrongly_typed_or_missing_field_is_an_error()
    {
        var wrongType = Resiliency();
        wrongType["spec"]!["policies"]!["retries"]!["eventRedelivery"]!["maxRetries"] = "twenty";
        var missing = Resiliency();
        missing["spec"]!.AsObject().Remove("targets");

        Assert.NotEmpty(DaprSchemas.Errors(wrongType));
        Assert.NotEmpty(DaprSchemas.Errors(missing));
    }

    [Fact]
    public void Component_metadata_values_stay_open_as_the_crd_preserves_them()
    {
        var component = TypedYaml.Load(RepositoryPaths.Combine("components", "pubsub.yaml"))[0];
        component["spec"]!["metadata"] = new JsonArray(new JsonObject { ["name"] = "anything", ["value"] = new JsonObject { ["nested"] = 1 } });
        component["spec"]!["metadata"]!.AsArray().Add(new JsonObject { ["name"] = "x", ["valu"] = "typo" });

        var errors = DaprSchemas.Errors(component);

        Assert.Single(errors);
        Assert.Contains("valu", errors[0], StringComparison.Ordinal);
    }

    private static JsonNode Resiliency() =>
        TypedYaml.Load(RepositoryPaths.Combine("components", "resiliency.yaml"))[0];
}
