using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Crystallize;

internal sealed class CrystallizeOptionsValidator : IValidateOptions<CrystallizeOptions>
{
    public ValidateOptionsResult Validate(string? name, CrystallizeOptions options)
    {
        var errors = new List<string>();
        if (!Uri.TryCreate(options.OrderApiUrl.Replace("{tenantIdentifier}", "t", StringComparison.Ordinal), UriKind.Absolute, out _))
        {
            errors.Add("Crystallize:OrderApiUrl must be an absolute URL.");
        }

        if (options.ReadAttempts < 1 || options.HttpRetries < 0)
        {
            errors.Add("Crystallize:ReadAttempts must be at least 1 and HttpRetries not negative.");
        }

        if (options.AttemptTimeout <= TimeSpan.Zero || options.TotalTimeout < options.AttemptTimeout)
        {
            errors.Add("Crystallize:TotalTimeout must be at least AttemptTimeout, both positive.");
        }

        if (options.CredentialsCacheDuration <= TimeSpan.Zero || options.SecretRetryInterval <= TimeSpan.Zero)
        {
            errors.Add("Crystallize:CredentialsCacheDuration and SecretRetryInterval must be positive.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
