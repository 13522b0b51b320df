namespace FbaMesh.OrderEnricher.Pipeline;

/// <summary>The answer to Dapr for one delivery: {"status":"SUCCESS"|"RETRY"|"DROP"}.</summary>
internal enum DeliveryDecision
{
    /// <summary>Done (or nothing to do): the broker forgets the event.</summary>
    Success,

    /// <summary>Transient trouble: redeliver later, with the resiliency policy's backoff.</summary>
    Retry,

    /// <summary>Permanent: the event goes to the dead-letter topic, the reason is in the order state.</summary>
    Drop,
}
