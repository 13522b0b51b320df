using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Api;

internal sealed class OperatorApiOptionsValidator : IValidateOptions<OperatorApiOptions>
{
    // Unset means open (a developer machine); a blank token would look set but guard nothing.
    public ValidateOptionsResult Validate(string? name, OperatorApiOptions options) =>
        options.Token is { Length: > 0 } token && string.IsNullOrWhiteSpace(token)
            ? ValidateOptionsResult.Fail("OperatorApi:Token is blank; leave it unset or set a real token.")
            : ValidateOptionsResult.Success;
}
