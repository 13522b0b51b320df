using System.Globalization;
using System.Text.Json.Nodes;
using FbaMesh.Testing;

namespace FbaMesh.Deployment.Tests;

/// <summary>
/// The timings that keep one order's work single: the enricher's delivery budget ends before daprd gives
/// up on the delivery and before the order's claim lease runs out, and Redis hands an unacknowledged event
/// out again (processingTimeout) only after daprd's whole redelivery budget for it is spent.
/// </summary>
public sealed class ClaimTimingTests
{
    private static JsonObject Enricher => JsonNode.Parse(File.ReadAllText(RepositoryPaths.Combine("services", "order-enricher", "appsettings.json")))!.AsObject();

    private static JsonObject Resiliency => YamlDocuments.Load(Path.Combine(RunFiles.Kubernetes, "components", "resiliency.yaml")).Single();

    private static JsonObject RedisPubSub => YamlDocuments.Load(Path.Combine(RunFiles.Kubernetes, "components", "pubsub.yaml")).Single();

    [Fact]
    public void A_delivery_s_work_ends_before_daprd_abandons_it_and_before_its_claim_expires()
    {
        var pipeline = Enricher["Pipeline"]!;
        var budget = TimeSpan.Parse(pipeline["DeliveryBudget"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var lease = TimeSpan.Parse(pipeline["ClaimLease"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var delivery = GoDuration(Resiliency["spec"]!["policies"]!["timeouts"]!["delivery"]!.GetValue<string>());

        Assert.True(budget < delivery, $"Pipeline:DeliveryBudget {budget} must end before the resiliency delivery timeout {delivery}.");
        Assert.True(budget < lease, $"Pipeline:DeliveryBudget {budget} must end before Pipeline:ClaimLease {lease}.");
    }

    [Fact]
    public void Redis_redelivers_a_pending_event_only_after_daprd_s_redelivery_budget_is_spent()
    {
        var policies = Resiliency["spec"]!["policies"]!;
        var delivery = GoDuration(policies["timeouts"]!["delivery"]!.GetValue<string>());
        var retry = policies["retries"]!["eventRedelivery"]!;
        var maxInterval = GoDuration(retry["maxInterval"]!.GetValue<string>());
        var maxRetries = int.Parse(retry["maxRetries"]!.ToString(), CultureInfo.InvariantCulture);
        var processingTimeout = GoDuration(RedisPubSub["spec"]!["metadata"]!.AsArray()
            .Single(m => m!["name"]!.GetValue<string>() == "processingTimeout")!["value"]!.GetValue<string>());

        // Every delivery at its timeout, every pause at its cap: the longest daprd may still hold the event.
        var worstCase = (maxRetries + 1) * delivery + maxRetries * maxInterval;

        Assert.True(worstCase < processingTimeout, $"daprd may hold an event for {worstCase}; processingTimeout {processingTimeout} would hand it out twice.");
    }

    /// <summary>The Go durations these files use: a number and h, m, s or ms.</summary>
    private static TimeSpan GoDuration(string text)
    {
        var unit = text.TrimStart("0123456789.".ToCharArray());
        var value = double.Parse(text[..^unit.Length], CultureInfo.InvariantCulture);
        return unit switch
        {
            "h" => TimeSpan.FromHours(value),
            "m" => TimeSpan.FromMinutes(value),
            "s" => TimeSpan.FromSeconds(value),
            "ms" => TimeSpan.FromMilliseconds(value),
            _ => throw new FormatException($"Unexpected duration {text}."),
        };
    }
}
