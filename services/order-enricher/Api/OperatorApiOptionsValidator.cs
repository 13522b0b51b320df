using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Api;

internal sealed class OperatorApiOptionsValidator : IValidateOptions<OperatorApiOptions>
{
    public ValidateOptionsResult Validate(string? name, OperatorApiOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.SecretStore) || string.IsNullOrWhiteSpace(options.SecretName))
        {
            errors.Add("OperatorApi:SecretStore and OperatorApi:SecretName are required: the operator token is read from that secret (key 'token').");
        }

        if (options.SecretRefreshInterval <= TimeSpan.Zero || options.SecretRetryInterval <= TimeSpan.Zero || options.SecretReadTimeout <= TimeSpan.Zero)
        {
            errors.Add("OperatorApi:SecretRefreshInterval, SecretRetryInterval and SecretReadTimeout must be positive.");
        }

        if (options.StartupTimeout < TimeSpan.Zero)
        {
            errors.Add("OperatorApi:StartupTimeout must not be negative.");
        }

        if (options.MaxRetriesPerOrder < 1)
        {
            errors.Add("OperatorApi:MaxRetriesPerOrder must be at least 1.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
