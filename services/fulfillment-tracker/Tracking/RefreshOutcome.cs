namespace FbaMesh.FulfillmentTracker.Tracking;

/// <summary>What one look at an order came to; the feed answers its delivery from it.</summary>
internal enum RefreshOutcome
{
    /// <summary>Amazon was read and Crystallize holds what Amazon says.</summary>
    Updated,

    /// <summary>Nothing new: a duplicate or older notification, or an order whose tracking has stopped.</summary>
    Unchanged,

    /// <summary>Not an order FbaMesh submitted (or not told about yet): nothing to do.</summary>
    NotTracked,

    /// <summary>Amazon, Crystallize or the state store could not be used now: try again later.</summary>
    Retry,
}
