using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FbaMesh.FbaSubmitter.Observability;

/// <summary>What an operator watches: creates by outcome, Amazon latency, throttles met and token refreshes.</summary>
internal sealed class SubmitterMetrics
{
    public const string Name = "FbaMesh.FbaSubmitter";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Counter<long> creates;
    private readonly Histogram<double> latency;
    private readonly Counter<long> throttles;
    private readonly Counter<long> tokenRefreshes;

    public SubmitterMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        this.creates = meter.CreateCounter<long>("fbamesh.submitter.creates", "{order}", "Fulfillment order submits by outcome.");
        this.latency = meter.CreateHistogram<double>("fbamesh.submitter.spapi.duration", "s", "SP-API call latency by operation and HTTP status.");
        this.throttles = meter.CreateCounter<long>("fbamesh.submitter.spapi.throttles", "{response}", "429 answers met from SP-API.");
        tokenRefreshes = meter.CreateCounter<long>("fbamesh.submitter.lwa.refreshes", "{refresh}", "Login with Amazon token exchanges by outcome.");
    }

    public void Create(string outcome) => this.creates.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void SpApiCall(string operation, string status, TimeSpan elapsed) => this.latency.Record(
        elapsed.TotalSeconds,
        new KeyValuePair<string, object?>("operation", operation),
        new KeyValuePair<string, object?>("status", status));

    public void Throttled(string operation) => this.throttles.Add(1, new KeyValuePair<string, object?>("operation", operation));

    public void TokenRefresh(string outcome) => tokenRefreshes.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
