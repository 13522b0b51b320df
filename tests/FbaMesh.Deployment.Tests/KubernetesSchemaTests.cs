using FbaMesh.Testing;

namespace FbaMesh.Deployment.Tests;

/// <summary>Every Kubernetes core object under deploy/kubernetes against the Kubernetes API types (see <see cref="KubernetesObjects"/>).</summary>
public sealed class KubernetesSchemaTests
{
    public static TheoryData<string, int> CoreObjects()
    {
        var data = new TheoryData<string, int>();
        foreach (var file in Directory.EnumerateFiles(RunFiles.Kubernetes, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(file) == "kustomization.yaml")
            {
                continue;
            }

            var documents = TypedYaml.Load(file);
            for (var i = 0; i < documents.Count; i++)
            {
                if (!DaprSchemas.IsDaprResource(documents[i]))
                {
                    data.Add(Path.GetRelativePath(RepositoryPaths.Root, file), i);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CoreObjects))]
    public void Kubernetes_object_matches_the_api_types(string file, int index)
    {
        var document = KubernetesObjects.Documents(RepositoryPaths.Combine(file)).ElementAt(index);

        var errors = KubernetesObjects.Errors(document);

        Assert.True(errors.Count == 0, $"{file} document {index}:\n  " + string.Join("\n  ", errors));
    }

    [Fact]
    public void An_unknown_field_or_a_value_of_the_wrong_shape_is_an_error()
    {
        const string UnknownField = """
            apiVersion: v1
            kind: Service
            metadata:
              name: x
            spec:
              ports:
                - port: 80
                  targetPortt: app
            """;
        const string WrongShape = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: x
            data:
              - a
            """;

        Assert.Contains(KubernetesObjects.Errors(UnknownField), e => e.Contains("targetPortt", StringComparison.Ordinal));
        Assert.NotEmpty(KubernetesObjects.Errors(WrongShape));
    }

    [Fact]
    public void Every_core_kind_in_deploy_is_checked()
    {
        var kinds = CoreObjects().Select(row => TypedYaml.Load(RepositoryPaths.Combine((string)row[0]))[(int)row[1]]["kind"]!.GetValue<string>()).ToHashSet();

        Assert.Superset(new HashSet<string> { "Deployment", "Service", "ServiceAccount", "Role", "RoleBinding", "ConfigMap", "Secret", "NetworkPolicy", "PodDisruptionBudget", "HorizontalPodAutoscaler" }, kinds);
    }
}
