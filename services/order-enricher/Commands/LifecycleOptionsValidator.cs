using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Commands;

internal sealed class LifecycleOptionsValidator : IValidateOptions<LifecycleOptions>
{
    public ValidateOptionsResult Validate(string? name, LifecycleOptions options) =>
        Enum.IsDefined(options.SubmitOn)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Lifecycle:SubmitOn must be Created or Stage.");
}
