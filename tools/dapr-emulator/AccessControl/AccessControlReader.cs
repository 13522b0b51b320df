using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FbaMesh.DaprEmulator.Resources;

namespace FbaMesh.DaprEmulator.AccessControl;

/// <summary>
/// Reads spec.accessControl from an app's Configuration file. daprd ignores fields it does not know and
/// treats any action but "allow" as deny, so a typo silently changes who may call; the emulator refuses
/// such a file at start, naming it and the field.
/// </summary>
internal static partial class AccessControlReader
{
    private static readonly string[] SpecFields = ["defaultAction", "trustDomain", "policies"];
    private static readonly string[] PolicyFields = ["appId", "defaultAction", "trustDomain", "namespace", "operations"];
    private static readonly string[] OperationFields = ["name", "httpVerb", "action"];

    /// <summary>The spec of the file's Configuration, or null when it has none (no file, or no accessControl).</summary>
    public static AccessControlSpec? ReadConfiguration(string? path)
    {
        if (path is null)
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Dapr Configuration file '{path}' does not exist.", path);
        }

        AccessControlSpec? found = null;
        foreach (var document in YamlDocuments.Read(path).Where(d => d.Text("kind") == "Configuration"))
        {
            var spec = document.Object("spec");
            if (spec is null || !spec.TryGetPropertyValue("accessControl", out var node) || node is null)
            {
                continue;
            }

            found = Read(node, path);
        }

        return found;
    }

    private static AccessControlSpec Read(JsonNode node, string path)
    {
        var spec = Mapping(node, "spec.accessControl", SpecFields, path);
        var policies = spec.TryGetPropertyValue("policies", out var list) && list is not null
            ? Sequence(list, "spec.accessControl.policies", path).Select((p, i) => ReadPolicy(p, $"spec.accessControl.policies[{i}]", path)).ToList()
            : null;
        return new AccessControlSpec(
            Action(spec, "defaultAction", "spec.accessControl", path),
            TrustDomain(spec, "spec.accessControl", path),
            policies);
    }

    private static AppPolicySpec ReadPolicy(JsonNode node, string where, string path)
    {
        var policy = Mapping(node, where, PolicyFields, path);
        var operations = policy.TryGetPropertyValue("operations", out var list) && list is not null
            ? Sequence(list, where + ".operations", path).Select((o, i) => ReadOperation(o, $"{where}.operations[{i}]", path)).ToList()
            : [];
        return new AppPolicySpec(policy.Text("appId"), Action(policy, "defaultAction", where, path), TrustDomain(policy, where, path), policy.Text("namespace"), operations);
    }

    private static AppOperation ReadOperation(JsonNode node, string where, string path)
    {
        var operation = Mapping(node, where, OperationFields, path);
        var name = operation.Text("name") is { Length: > 0 } n ? n : throw Invalid(path, $"{where} has no name (the operation path, e.g. /package.Service/Method).");
        var action = Action(operation, "action", where, path) ?? throw Invalid(path, $"{where} ('{name}') has no action (allow or deny).");
        var verbs = operation.TryGetPropertyValue("httpVerb", out var verbList) && verbList is not null
            ? Sequence(verbList, where + ".httpVerb", path).Select(v => v.ToString()).ToList()
            : [];
        foreach (var verb in verbs.Where(v => v != "*" && !AccessControlList.HttpVerbs.Contains(v)))
        {
            throw Invalid(path, $"{where} ('{name}') has httpVerb '{verb}'; daprd matches only {string.Join(", ", AccessControlList.HttpVerbs)} or * (in capitals).");
        }

        return new AppOperation(name, verbs, action);
    }

    private static string? Action(JsonObject node, string field, string where, string path) => node.Text(field) switch
    {
        null => null,
        var a when a.Equals(AccessControlList.Allow, StringComparison.OrdinalIgnoreCase) || a.Equals(AccessControlList.Deny, StringComparison.OrdinalIgnoreCase) => a,
        var a => throw Invalid(path, $"{where} has {field} '{a}', not allow or deny."),
    };

    private static string? TrustDomain(JsonObject node, string where, string path) => node.Text("trustDomain") switch
    {
        null => null,
        var td when TrustDomainSyntax().IsMatch(td) => td,
        var td => throw Invalid(path, $"{where} has trustDomain '{td}', which is not a SPIFFE trust domain (lower-case letters, digits, '.', '-', '_')."),
    };

    private static JsonObject Mapping(JsonNode node, string where, string[] fields, string path)
    {
        if (node is not JsonObject mapping)
        {
            throw Invalid(path, $"{where} is not a mapping.");
        }

        foreach (var (field, _) in mapping)
        {
            if (!fields.Contains(field, StringComparer.Ordinal))
            {
                throw Invalid(path, $"{where} has the field '{field}', which Dapr does not know (it reads {string.Join(", ", fields)}).");
            }
        }

        return mapping;
    }

    private static IEnumerable<JsonNode> Sequence(JsonNode node, string where, string path) =>
        node is JsonArray array ? array.Select(i => i ?? throw Invalid(path, $"{where} has an empty item.")) : throw Invalid(path, $"{where} is not a list.");

    private static InvalidDataException Invalid(string path, string reason) => new($"{path}: access control: {reason}");

    [GeneratedRegex("^[a-z0-9._-]+$")]
    private static partial Regex TrustDomainSyntax();
}
