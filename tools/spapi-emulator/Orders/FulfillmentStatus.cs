namespace FbaMesh.SpApiEmulator;

/// <summary>The model's FulfillmentOrderStatus values and the path an order walks through them.</summary>
internal static class FulfillmentStatus
{
    public const string Received = "Received";
    public const string Planning = "Planning";
    public const string Processing = "Processing";
    public const string Complete = "Complete";
    public const string Cancelled = "Cancelled";
    public const string CompletePartialled = "CompletePartialled";
    public const string Unfulfillable = "Unfulfillable";
    public const string Invalid = "Invalid";

    /// <summary>The ordinary walk; each step is one clock step or one submitFulfillmentOrderStatusUpdate.</summary>
    public static IReadOnlyList<string> Path { get; } = [Received, Planning, Processing, Complete];

    /// <summary>Ends that an order in progress may jump to through submitFulfillmentOrderStatusUpdate.</summary>
    public static IReadOnlyList<string> Ends { get; } = [Cancelled, CompletePartialled, Unfulfillable, Invalid];

    public static bool IsTerminal(string status) => status == Complete || Ends.Contains(status);

    /// <summary>"The seller can cancel a fulfillment order that has a status of Received" or Planning, not later.</summary>
    public static bool IsCancellable(string status) => status is Received or Planning;

    public static bool CanMove(string from, string to)
    {
        if (IsTerminal(from))
        {
            return false;
        }

        var fromIndex = Path.ToList().IndexOf(from);
        var toIndex = Path.ToList().IndexOf(to);
        // Invalid means the order failed validation, which happens before any planning of shipments.
        return toIndex > fromIndex || (Ends.Contains(to) && (to is not (Cancelled or Invalid) || IsCancellable(from)));
    }
}
