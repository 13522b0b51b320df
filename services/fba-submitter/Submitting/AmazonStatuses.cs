namespace FbaMesh.FbaSubmitter.Submitting;

/// <summary>Amazon's FulfillmentOrderStatus values the submitter decides on.</summary>
internal static class AmazonStatuses
{
    public const string Cancelled = "Cancelled";

    /// <summary>
    /// "The seller can cancel a fulfillment order that has a status of Received" or Planning. New (received,
    /// not yet validated) comes before Received, so a cancel there is not too late either.
    /// </summary>
    public static bool IsCancellable(string status) => status is "New" or "Received" or "Planning";
}
