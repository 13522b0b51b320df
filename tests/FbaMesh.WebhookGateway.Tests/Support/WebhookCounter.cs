using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace FbaMesh.WebhookGateway.Tests.Support;

/// <summary>
/// Listens to one app's fbamesh.webhooks counter (matched by the app's IMeterFactory, so other apps
/// running in parallel in this test process do not count) and sums it by outcome/reason.
/// </summary>
public sealed class WebhookCounter : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<string, long> totals = new();

    public WebhookCounter(IMeterFactory scope)
    {
        this.listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == scope && instrument.Name == "fbamesh.webhooks")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        this.listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? outcome = null, reason = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "outcome") outcome = tag.Value as string;
                if (tag.Key == "reason") reason = tag.Value as string;
            }

            totals.AddOrUpdate(reason is null ? outcome! : $"{outcome}/{reason}", value, (_, sum) => sum + value);
        });
        this.listener.Start();
    }

    public long this[string key] => totals.GetValueOrDefault(key);

    public void Dispose() => this.listener.Dispose();
}
