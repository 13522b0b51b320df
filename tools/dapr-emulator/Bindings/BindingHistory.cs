namespace FbaMesh.DaprEmulator.Bindings;

/// <summary>Emulator-only: one attempt to hand an input binding event to an app, and what the app answered.</summary>
public sealed record BindingDeliveryRecord(string AppId, string Binding, string Path, string? MessageId, int? Status, bool Handled, DateTimeOffset At);

/// <summary>The last delivery attempts of every input binding of the emulator process, oldest first.</summary>
internal sealed class BindingHistory
{
    public const int Kept = 1000;

    private readonly Queue<BindingDeliveryRecord> records = new();

    public void Record(BindingDeliveryRecord record)
    {
        lock (records)
        {
            records.Enqueue(record);
            if (records.Count > Kept)
            {
                records.Dequeue();
            }
        }
    }

    public IReadOnlyList<BindingDeliveryRecord> All()
    {
        lock (records)
        {
            return [.. records];
        }
    }
}
