using Microsoft.Extensions.Options;

namespace FbaMesh.FulfillmentTracker.Tracking;

internal sealed class TrackingOptionsValidator : IValidateOptions<TrackingOptions>
{
    public static readonly string[] StageKeys =
        ["Shipped", "Received", "Planning", "Processing", "Complete", "CompletePartialled", "Cancelled", "Unfulfillable", "Invalid"];

    public ValidateOptionsResult Validate(string? name, TrackingOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.StoreName))
        {
            errors.Add("Tracking:StoreName is required.");
        }

        if (options.Lease <= TimeSpan.Zero)
        {
            errors.Add("Tracking:Lease must be positive.");
        }

        foreach (var (status, target) in options.Stages)
        {
            if (!StageKeys.Contains(status, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"Tracking:Stages:{status} is not an Amazon status; use one of {string.Join(", ", StageKeys)}.");
            }

            if (string.IsNullOrWhiteSpace(target.PipelineId) || string.IsNullOrWhiteSpace(target.StageId))
            {
                errors.Add($"Tracking:Stages:{status} needs both PipelineId and StageId.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
