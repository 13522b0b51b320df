namespace FbaMesh.FbaSubmitter.SharedPacing;

/// <summary>
/// Configuration section "SharedPacing": the usage plan held in fbamesh-state for every replica of the
/// submitter, one record per operation and seller.
/// </summary>
internal sealed class SharedPacingOptions
{
    public const string SectionName = "SharedPacing";

    /// <summary>
    /// On by default: Amazon's plan belongs to the application and seller, not to one process, so a second
    /// replica must never pace on its own. Off only where one process is all there is (unit hosts).
    /// </summary>
    public bool Enabled { get; set; } = true;

    public string StoreName { get; set; } = "fbamesh-state";

    /// <summary>The seller whose plan this is (its merchant token); part of every record's key.</summary>
    public string SellerId { get; set; } = "default";

    /// <summary>How far ahead of now a replica may book permits; a waiter further back books later.</summary>
    public TimeSpan BookAhead { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Wait before asking the store again after it failed (doubled up to <see cref="MaxStoreRetry"/>).</summary>
    public TimeSpan StoreRetry { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxStoreRetry { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A lower x-amzn-RateLimit-Limit holds for every replica this long after it was last seen.</summary>
    public TimeSpan ObservedRateLifetime { get; set; } = TimeSpan.FromHours(1);
}
