namespace FbaMesh.FulfillmentTracker.Amazon;

/// <summary>Configuration section "Submitter": the fba-submitter gRPC calls through the sidecar.</summary>
internal sealed class SubmitterOptions
{
    public const string SectionName = "Submitter";

    public string AppId { get; set; } = "fba-submitter";

    /// <summary>gRPC deadline of one read; the submitter paces and retries Amazon within it.</summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromSeconds(30);
}

internal sealed class SubmitterOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<SubmitterOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, SubmitterOptions options) =>
        string.IsNullOrWhiteSpace(options.AppId) || options.Deadline <= TimeSpan.Zero
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Fail("Submitter:AppId is required and Submitter:Deadline must be positive.")
            : Microsoft.Extensions.Options.ValidateOptionsResult.Success;
}
