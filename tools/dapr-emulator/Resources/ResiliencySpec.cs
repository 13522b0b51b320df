using System.Globalization;
using System.Text.Json.Nodes;

namespace FbaMesh.DaprEmulator.Resources;

/// <summary>
/// The part of a Resiliency resource the emulator applies: retry policies targeted at a pub/sub or input
/// binding component's inbound direction (redelivery to the app). Timeouts and circuit breakers are read and
/// validated but not applied.
/// </summary>
internal static class ResiliencySpec
{
    public static Dictionary<string, RetryPolicy> InboundRetries(JsonObject document, string appId, string file)
    {
        var result = new Dictionary<string, RetryPolicy>(StringComparer.Ordinal);
        var scopes = document.Strings("scopes");
        if (scopes.Count > 0 && !scopes.Contains(appId, StringComparer.Ordinal))
        {
            return result;
        }

        var spec = document.Object("spec");
        var retries = spec.Object("policies").Object("retries") ?? [];
        var components = spec.Object("targets").Object("components") ?? [];
        foreach (var (component, target) in components)
        {
            var policyName = target.Object("inbound").Text("retry");
            if (policyName is null)
            {
                continue;
            }

            if (retries[policyName] is not JsonObject policy)
            {
                throw new InvalidDataException($"{file}: component target '{component}' names retry policy '{policyName}', which is not defined under policies.retries.");
            }

            result[component] = Parse(policyName, policy, $"{file} policies.retries.{policyName}");
        }

        return result;
    }

    private static RetryPolicy Parse(string name, JsonObject policy, string where)
    {
        var kind = policy.Text("policy") ?? "constant";
        var exponential = kind switch
        {
            "constant" => false,
            "exponential" => true,
            _ => throw new InvalidDataException($"{where}: policy '{kind}' is neither constant nor exponential."),
        };
        TimeSpan Read(string field, string fallback) => GoDuration.Parse(policy.Text(field) ?? fallback, $"{where}.{field}");
        var maxRetries = int.Parse(policy.Text("maxRetries") ?? "-1", NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return new RetryPolicy(name, exponential, Read("duration", "5s"), Read("initialInterval", "500ms"), Read("maxInterval", "60s"), maxRetries);
    }
}
