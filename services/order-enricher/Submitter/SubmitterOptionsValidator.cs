using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Submitter;

internal sealed class SubmitterOptionsValidator : IValidateOptions<SubmitterOptions>
{
    public ValidateOptionsResult Validate(string? name, SubmitterOptions options) =>
        options.Deadline > TimeSpan.Zero && !string.IsNullOrWhiteSpace(options.AppId)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Submitter:Deadline must be positive and Submitter:AppId set.");
}
