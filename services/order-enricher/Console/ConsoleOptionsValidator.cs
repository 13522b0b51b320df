using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Console;

internal sealed class ConsoleOptionsValidator : IValidateOptions<ConsoleOptions>
{
    public ValidateOptionsResult Validate(string? name, ConsoleOptions options)
    {
        var errors = new List<string>();
        if (options.SessionLifetime <= TimeSpan.Zero || options.SessionLifetime > TimeSpan.FromDays(7))
        {
            errors.Add("Console:SessionLifetime must be positive and at most 7 days.");
        }

        if (options.PageSize is < 1 or > 500)
        {
            errors.Add("Console:PageSize must be between 1 and 500.");
        }

        if (options.RefreshInterval < TimeSpan.FromSeconds(1))
        {
            errors.Add("Console:RefreshInterval must be at least one second.");
        }

        if (!Uri.TryCreate(options.CrystallizeOrderUrl.Replace("{tenantIdentifier}", "t", StringComparison.Ordinal).Replace("{orderId}", "o", StringComparison.Ordinal), UriKind.Absolute, out var url)
            || url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)
        {
            errors.Add("Console:CrystallizeOrderUrl must be an http(s) URL template with {tenantIdentifier} and {orderId}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
