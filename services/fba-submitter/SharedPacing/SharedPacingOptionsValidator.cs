using Microsoft.Extensions.Options;

namespace FbaMesh.FbaSubmitter.SharedPacing;

internal sealed class SharedPacingOptionsValidator : IValidateOptions<SharedPacingOptions>
{
    public ValidateOptionsResult Validate(string? name, SharedPacingOptions options)
    {
        var failures = new List<string>();
        if (options.Enabled && string.IsNullOrWhiteSpace(options.StoreName))
        {
            failures.Add("SharedPacing:StoreName must name the Dapr state store that holds the usage plan (fbamesh-state).");
        }

        if (string.IsNullOrWhiteSpace(options.SellerId) || options.SellerId.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            failures.Add("SharedPacing:SellerId must be the seller's merchant token: ASCII letters, digits, '-' or '_'.");
        }

        if (options.BookAhead <= TimeSpan.Zero)
        {
            failures.Add("SharedPacing:BookAhead must be positive.");
        }

        if (options.StoreRetry <= TimeSpan.Zero || options.MaxStoreRetry < options.StoreRetry)
        {
            failures.Add("SharedPacing:StoreRetry must be positive and not longer than SharedPacing:MaxStoreRetry.");
        }

        if (options.ObservedRateLifetime <= TimeSpan.Zero)
        {
            failures.Add("SharedPacing:ObservedRateLifetime must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
