using System.Diagnostics.Metrics;

namespace FbaMesh.OrderEnricher;

/// <summary>Meter "FbaMesh.OrderEnricher": orders by outcome and reason, Crystallize read latency.</summary>
internal sealed class EnricherMetrics
{
    public const string MeterName = "FbaMesh.OrderEnricher";

    private readonly Counter<long> orders;
    private readonly Histogram<double> crystallizeFetch;

    public EnricherMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        this.orders = meter.CreateCounter<long>(
            "fbamesh.enricher.orders", "{order}", "Deliveries of orders.received by the outcome they led to and its reason.");
        crystallizeFetch = meter.CreateHistogram<double>(
            "fbamesh.enricher.crystallize.fetch.duration", "s", "Time to read one order from the Crystallize Order API.");
    }

    /// <param name="outcome">submitted, skipped, failed, retry, duplicate or dropped.</param>
    public void OrderHandled(string outcome, string? reasonCode) =>
        this.orders.Add(1, new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("reason", reasonCode ?? "none"));

    public void CrystallizeFetched(TimeSpan elapsed, string result) =>
        crystallizeFetch.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("result", result));
}
