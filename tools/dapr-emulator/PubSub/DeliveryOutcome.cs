namespace FbaMesh.DaprEmulator.PubSub;

/// <summary>How an app settled one delivery, in Dapr's terms.</summary>
internal enum DeliveryOutcome
{
    /// <summary>2xx with SUCCESS, an empty or an unreadable body.</summary>
    Success,

    /// <summary>RETRY, an unknown status, a non-2xx other than 404, or no answer: redeliver.</summary>
    Retry,

    /// <summary>DROP or 404: never redelivered; to the dead-letter topic when one is set.</summary>
    Drop,

    /// <summary>The app could not be reached at all (counts as Retry; also triggers re-discovery).</summary>
    Unreachable,
}
