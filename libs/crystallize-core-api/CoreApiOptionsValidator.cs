using Microsoft.Extensions.Options;

namespace FbaMesh.Crystallize.CoreApi;

internal sealed class CoreApiOptionsValidator : IValidateOptions<CoreApiOptions>
{
    public ValidateOptionsResult Validate(string? name, CoreApiOptions options)
    {
        var errors = new List<string>();
        if (!Uri.TryCreate(options.Url.Replace("{tenantIdentifier}", "t", StringComparison.Ordinal), UriKind.Absolute, out var url)
            || url.Scheme is not ("http" or "https"))
        {
            errors.Add($"{CoreApiOptions.SectionName}:Url must be an absolute http(s) URL.");
        }

        if (string.IsNullOrWhiteSpace(options.SecretStore) || string.IsNullOrWhiteSpace(options.SecretName))
        {
            errors.Add($"{CoreApiOptions.SectionName}:SecretStore and SecretName are required.");
        }

        if (options.HttpRetries < 0)
        {
            errors.Add($"{CoreApiOptions.SectionName}:HttpRetries must not be negative.");
        }

        if (options.AttemptTimeout <= TimeSpan.Zero || options.TotalTimeout < options.AttemptTimeout)
        {
            errors.Add($"{CoreApiOptions.SectionName}:TotalTimeout must be at least AttemptTimeout, both positive.");
        }

        if (options.SecretRefreshInterval <= TimeSpan.Zero || options.SecretRetryInterval <= TimeSpan.Zero)
        {
            errors.Add($"{CoreApiOptions.SectionName}:SecretRefreshInterval and SecretRetryInterval must be positive.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
