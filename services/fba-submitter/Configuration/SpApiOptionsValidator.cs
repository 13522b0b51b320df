using Microsoft.Extensions.Options;

namespace FbaMesh.FbaSubmitter.Configuration;

/// <summary>Refuses to start with settings that would misbehave later (a zero rate, a negative deadline).</summary>
internal sealed class SpApiOptionsValidator : IValidateOptions<SpApiOptions>
{
    public ValidateOptionsResult Validate(string? name, SpApiOptions options)
    {
        var failures = new List<string>();
        CheckSet(options.SecretStore, nameof(options.SecretStore), failures);
        CheckSet(options.SecretName, nameof(options.SecretName), failures);
        CheckAbsolute(options.EndpointOverride, nameof(options.EndpointOverride), failures);
        CheckAbsolute(options.TokenEndpointOverride, nameof(options.TokenEndpointOverride), failures);
        CheckPlan("Create", options.CreateRate, options.CreateBurst, failures);
        CheckPlan("Get", options.GetRate, options.GetBurst, failures);
        CheckPlan("Cancel", options.CancelRate, options.CancelBurst, failures);
        CheckPlan("List", options.ListRate, options.ListBurst, failures);
        CheckPlan("Tracking", options.TrackingRate, options.TrackingBurst, failures);
        CheckPlan("Update", options.UpdateRate, options.UpdateBurst, failures);
        CheckPlan("Preview", options.PreviewRate, options.PreviewBurst, failures);
        CheckPositive(options.CallDeadline, nameof(options.CallDeadline), failures);
        CheckPositive(options.AttemptTimeout, nameof(options.AttemptTimeout), failures);
        CheckPositive(options.InitialBackoff, nameof(options.InitialBackoff), failures);
        CheckPositive(options.SecretRetryInterval, nameof(options.SecretRetryInterval), failures);
        CheckPositive(options.SecretRefreshInterval, nameof(options.SecretRefreshInterval), failures);
        if (options.MaxBackoff < options.InitialBackoff)
        {
            failures.Add("SpApi:MaxBackoff must not be shorter than SpApi:InitialBackoff.");
        }

        if (!(options.PacingMargin >= 0 && options.PacingMargin < 0.9))
        {
            failures.Add("SpApi:PacingMargin must be a fraction from 0 to 0.9 (0.03 paces at 97% of the usage plan).");
        }

        if (options.PacingJitterAllowance < TimeSpan.Zero || options.PacingJitterAllowance > TimeSpan.FromSeconds(10))
        {
            failures.Add("SpApi:PacingJitterAllowance must be between 0 and 10 seconds.");
        }

        if (options.TokenRefreshMargin < TimeSpan.Zero)
        {
            failures.Add("SpApi:TokenRefreshMargin must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckAbsolute(Uri? uri, string key, List<string> failures)
    {
        if (uri is not null && (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"SpApi:{key} must be an absolute http(s) URL.");
        }
    }

    private static void CheckPlan(string operation, double rate, int burst, List<string> failures)
    {
        if (!(rate > 0) || double.IsInfinity(rate))
        {
            failures.Add($"SpApi:{operation}Rate must be a positive number of requests per second.");
        }

        if (burst < 1)
        {
            failures.Add($"SpApi:{operation}Burst must be at least 1.");
        }
    }

    private static void CheckPositive(TimeSpan value, string key, List<string> failures)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"SpApi:{key} must be positive.");
        }
    }

    private static void CheckSet(string? value, string key, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"SpApi:{key} is required.");
        }
    }
}
