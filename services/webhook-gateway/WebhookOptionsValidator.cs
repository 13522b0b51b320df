using Microsoft.Extensions.Options;

namespace FbaMesh.WebhookGateway;

/// <summary>Refuses to start with settings that would weaken or break the endpoint, with a message that says which.</summary>
internal sealed class WebhookOptionsValidator(IHostEnvironment environment) : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var failures = new List<string>();
        if (!options.VerifySignatures && !environment.IsDevelopment())
        {
            failures.Add(
                $"Webhook:VerifySignatures=false is only allowed in the Development environment (this is '{environment.EnvironmentName}'). " +
                "Unsigned webhooks would let anyone create Amazon orders; remove the setting or run with ASPNETCORE_ENVIRONMENT=Development.");
        }

        if (options.MaxBodyBytes is < 1024 or > 64L * 1024 * 1024)
        {
            failures.Add($"Webhook:MaxBodyBytes must be between 1024 and 67108864 (was {options.MaxBodyBytes}).");
        }

        if (!string.IsNullOrWhiteSpace(options.PublicBaseUrl) && !IsHttpUrl(options.PublicBaseUrl))
        {
            failures.Add($"Webhook:PublicBaseUrl must be an absolute http(s) URL without query (was '{options.PublicBaseUrl}').");
        }

        if (options.MaxConcurrentRequests is < 1 or > 10_000)
        {
            failures.Add($"Webhook:MaxConcurrentRequests must be between 1 and 10000 (was {options.MaxConcurrentRequests}).");
        }

        if (!environment.IsDevelopment() && string.IsNullOrWhiteSpace(options.PublicBaseUrl))
        {
            failures.Add(
                "Webhook:PublicBaseUrl is required outside Development: set it to the scheme, host and path prefix of the " +
                "webhook URL entered in Crystallize, which the signature covers.");
        }

        if (!environment.IsDevelopment() && string.IsNullOrWhiteSpace(options.TenantIdentifier))
        {
            failures.Add(
                "Webhook:TenantIdentifier is required outside Development: set it to the Crystallize tenant identifier " +
                "whose webhooks this gateway accepts, so a token signed for another tenant is refused.");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(5))
        {
            failures.Add("Webhook:ClockSkew must be between 0 and 5 minutes.");
        }

        if (options.SecretRefreshInterval <= TimeSpan.Zero || options.SecretRetryInterval <= TimeSpan.Zero || options.PublishTimeout <= TimeSpan.Zero)
        {
            failures.Add("Webhook:SecretRefreshInterval, SecretRetryInterval and PublishTimeout must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment);
}
