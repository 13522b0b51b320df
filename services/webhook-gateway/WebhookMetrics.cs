using System.Diagnostics.Metrics;

namespace FbaMesh.WebhookGateway;

/// <summary>Webhooks by outcome: accepted, rejected (tagged with the rejection code) or publish-failed.</summary>
internal sealed class WebhookMetrics
{
    public const string MeterName = "FbaMesh.WebhookGateway";
    public const string CounterName = "fbamesh.webhooks";

    private readonly Counter<long> webhooks;

    public WebhookMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        this.webhooks = meter.CreateCounter<long>(CounterName, "{webhook}", "Crystallize order webhooks by outcome.");
    }

    public void Accepted() => this.webhooks.Add(1, new KeyValuePair<string, object?>("outcome", "accepted"));

    public void Rejected(WebhookRejection rejection)
    {
        var outcome = rejection.Code == WebhookRejection.PublishFailedCode ? "publish-failed" : "rejected";
        this.webhooks.Add(1, new("outcome", outcome), new("reason", rejection.Code));
    }
}
