using System.Text.RegularExpressions;
using k8s;

namespace FbaMesh.Deployment.Tests;

/// <summary>
/// The Kubernetes core objects of deploy/kubernetes checked against the API's own types: the model
/// classes of the KubernetesClient package, generated from the Kubernetes OpenAPI specification
/// (v1.37 for KubernetesClient 21). Strict deserialization rejects an unknown field (at any depth) and a
/// value of the wrong shape (a list for a map, text for a number). The models do not mark required
/// fields, and formats and enums are not checked: the structural tests beside this one cover the
/// required fields these manifests depend on (selectors, containers, ports, probes).
/// </summary>
internal static partial class KubernetesObjects
{
    /// <summary>The errors of one YAML document (one object); empty when it is valid.</summary>
    public static IReadOnlyList<string> Errors(string documentYaml)
    {
        try
        {
            Assert.Single(KubernetesYaml.LoadAllFromString(documentYaml, typeMap: null, strict: true));
            return [];
        }
        catch (Exception ex) when (ex is YamlDotNet.Core.YamlException or InvalidOperationException or ArgumentException)
        {
            return [Innermost(ex).Message];
        }
    }

    /// <summary>The documents of a multi-document YAML file, as text.</summary>
    public static IEnumerable<string> Documents(string path) =>
        DocumentSeparator().Split(File.ReadAllText(path)).Where(d => !string.IsNullOrWhiteSpace(StripComments(d)));

    private static string StripComments(string yaml) => CommentLine().Replace(yaml, "");

    private static Exception Innermost(Exception ex) => ex.InnerException is { } inner ? Innermost(inner) : ex;

    [GeneratedRegex(@"^---\s*$", RegexOptions.Multiline)]
    private static partial Regex DocumentSeparator();

    [GeneratedRegex(@"^\s*#.*$", RegexOptions.Multiline)]
    private static partial Regex CommentLine();
}
