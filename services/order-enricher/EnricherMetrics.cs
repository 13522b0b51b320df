using System.Diagnostics.Metrics;

namespace FbaMesh.OrderEnricher;

/// <summary>Meter "FbaMesh.OrderEnricher": orders by outcome and reason, Crystallize read latency.</summary>
internal sealed class EnricherMetrics
{
    public const string MeterName = "FbaMesh.OrderEnricher";

    private readonly Counter<long> orders;
    private readonly Histogram<double> crystallizeFetch;
    private readonly Counter<long> redriven;
    private readonly Counter<long> deadLetters;
    private readonly Counter<long> sweptOrders;

    public EnricherMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        this.orders = meter.CreateCounter<long>(
            "fbamesh.enricher.orders", "{order}", "Deliveries of orders.received by the outcome they led to and its reason.");
        crystallizeFetch = meter.CreateHistogram<double>(
            "fbamesh.enricher.crystallize.fetch.duration", "s", "Time to read one order from the Crystallize Order API.");
        redriven = meter.CreateCounter<long>(
            "fbamesh.enricher.redriven", "{order}", "Waiting orders the redrive scheduler sent through orders.received again.");
        deadLetters = meter.CreateCounter<long>(
            "fbamesh.enricher.deadletters", "{event}", "orders.received events that reached the dead-letter topic, by what became of the order.");
        sweptOrders = meter.CreateCounter<long>(
            "fbamesh.enricher.sweep.orders", "{order}", "Orders the reconciliation sweep listed at Crystallize, by what it did with them.");
    }

    /// <param name="outcome">submitted, skipped, failed, waiting, retry, duplicate or dropped.</param>
    public void OrderHandled(string outcome, string? reasonCode) =>
        this.orders.Add(1, new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("reason", reasonCode ?? "none"));

    public void Redriven(int count) => redriven.Add(count);

    /// <param name="outcome">failed (made visible as Failed), already-final, or pending (the mesh still works on it).</param>
    public void DeadLettered(string outcome) => deadLetters.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <param name="outcome">listed, fed (never recorded) or overdue (recorded, but its redrive is overdue).</param>
    public void Swept(string outcome, int count) => sweptOrders.Add(count, new KeyValuePair<string, object?>("outcome", outcome));

    public void CrystallizeFetched(TimeSpan elapsed, string result) =>
        crystallizeFetch.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("result", result));
}
