using System.Text.Json.Nodes;

namespace FbaMesh.Deployment.Tests;

/// <summary>One allowed connection: to or from pods with these labels (or an address block), on a port.</summary>
internal sealed record Allowance(string Direction, string Peer, int Port);

/// <summary>
/// Reads deploy/kubernetes's NetworkPolicies the way a CNI applies them to one pod: the union of the
/// rules of every policy whose podSelector matches the pod's labels. Peers are described as text
/// ("app.kubernetes.io/name=fba-submitter", "ns:dapr-system app=dapr-sentry", "ip:0.0.0.0/0", "any").
/// </summary>
internal static class NetworkPolicies
{
    public static IReadOnlyList<JsonObject> All() => [.. YamlDocuments.LoadKind(RunFiles.Kubernetes, "NetworkPolicy")];

    public static IReadOnlyList<Allowance> For(IReadOnlyDictionary<string, string> podLabels)
    {
        var result = new List<Allowance>();
        foreach (var policy in All().Where(p => Selects(p["spec"]!["podSelector"]!, podLabels)))
        {
            foreach (var (direction, peers) in new[] { ("ingress", "from"), ("egress", "to") })
            {
                foreach (var rule in policy["spec"]![direction]?.AsArray() ?? [])
                {
                    var ports = rule!["ports"]?.AsArray().Select(p => int.Parse(p!["port"].Text(), System.Globalization.CultureInfo.InvariantCulture)).ToList() ?? [0];
                    var described = rule[peers]?.AsArray().Select(Describe).ToList() ?? ["any"];
                    result.AddRange(from peer in described from port in ports select new Allowance(direction, peer, port));
                }
            }
        }

        return result;
    }

    public static bool Selects(JsonNode selector, IReadOnlyDictionary<string, string> labels)
    {
        var matchLabels = selector["matchLabels"]?.AsObject() ?? [];
        var expressions = selector["matchExpressions"]?.AsArray() ?? [];
        return matchLabels.All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value.Text())
            && expressions.All(e => e!["operator"].Text() switch
            {
                "In" => labels.TryGetValue(e["key"].Text(), out var v) && e["values"]!.AsArray().Any(x => x.Text() == v),
                _ => throw new InvalidDataException($"operator {e["operator"]} is not read by this test"),
            });
    }

    private static string Describe(JsonNode? peer)
    {
        if (peer!["ipBlock"] is { } block)
        {
            return "ip:" + block["cidr"].Text();
        }

        var parts = new List<string>();
        if (peer["namespaceSelector"] is { } ns)
        {
            parts.Add("ns:" + ns["matchLabels"]!["kubernetes.io/metadata.name"].Text());
        }

        if (peer["podSelector"] is { } pods)
        {
            parts.AddRange(pods["matchLabels"]?.AsObject().Select(kv => $"{kv.Key}={kv.Value.Text()}") ?? []);
            parts.AddRange(pods["matchExpressions"]?.AsArray().Select(e => $"{e!["key"].Text()} in {string.Join("|", e["values"]!.AsArray().Select(v => v.Text()))}") ?? []);
        }

        return string.Join(" ", parts);
    }
}
