namespace FbaMesh.OrderEnricher.Submitter;

/// <summary>Configuration section "Submitter": the fba-submitter gRPC call through the sidecar.</summary>
internal sealed class SubmitterOptions
{
    public const string SectionName = "Submitter";

    public string AppId { get; set; } = "fba-submitter";

    /// <summary>gRPC deadline of one submit; the submitter confirms an unknown outcome with Amazon within it.</summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromSeconds(30);
}
