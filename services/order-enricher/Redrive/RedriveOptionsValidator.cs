using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Redrive;

internal sealed class RedriveOptionsValidator : IValidateOptions<RedriveOptions>
{
    public ValidateOptionsResult Validate(string? name, RedriveOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.BindingName) || !options.BindingName.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            errors.Add("Redrive:BindingName must name a Dapr input binding (letters, digits, '-', '_', '.').");
        }

        if (options.FirstDelay <= TimeSpan.Zero || options.MaxDelay < options.FirstDelay)
        {
            errors.Add("Redrive:FirstDelay must be positive and Redrive:MaxDelay at least as long.");
        }

        if (options.Horizon <= TimeSpan.Zero)
        {
            errors.Add("Redrive:Horizon must be positive.");
        }

        if (options.BucketWidth < TimeSpan.FromSeconds(1) || options.BucketWidth > TimeSpan.FromHours(1))
        {
            errors.Add("Redrive:BucketWidth must be between 1 second and 1 hour.");
        }

        if (options.Shards is < 1 or > 64)
        {
            errors.Add("Redrive:Shards must be between 1 and 64.");
        }

        if (options.Lag < TimeSpan.Zero)
        {
            errors.Add("Redrive:Lag may not be negative.");
        }

        if (options.MaxBucketsPerRun < 1 || options.MaxOrdersPerRun < 1)
        {
            errors.Add("Redrive:MaxBucketsPerRun and Redrive:MaxOrdersPerRun must be at least 1.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
